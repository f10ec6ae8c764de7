namespace CachingGen.CodeFixes;

/// <summary>
/// Fixes that replace the text a diagnostic underlines (a placeholder inside a key literal), one diagnostic or a
/// whole document at once. The fix-all ignores the equivalence key: <c>dotnet format</c> asks with the key of the
/// first diagnostic's first action, or none when that diagnostic had no fix, and every diagnostic here has at
/// most one fix, so the key adds nothing but a way to fail.
/// </summary>
internal static class TextReplacement
{
    public static async Task<Document> ApplyAsync(Document document, IEnumerable<TextChange> changes, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);

        // Overlapping changes (never produced by the analyzer) would throw; the first one wins.
        var accepted = new List<TextChange>();
        foreach (var change in changes.OrderBy(c => c.Span.Start))
        {
            if (accepted.Count == 0 || accepted[accepted.Count - 1].Span.End <= change.Span.Start)
            {
                accepted.Add(change);
            }
        }

        return accepted.Count == 0 ? document : document.WithText(text.WithChanges(accepted));
    }

    /// <summary>Registers one action, titled with the new text, for each diagnostic that <paramref name="change"/> can fix.</summary>
    public static async Task RegisterAsync(CodeFixContext context, System.Func<SourceText, Diagnostic, TextChange?> change, string equivalenceKey)
    {
        var text = await context.Document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (change(text, diagnostic) is { } fix)
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Use '{fix.NewText}'", cancellationToken => ApplyAsync(context.Document, [fix], cancellationToken), equivalenceKey),
                    diagnostic);
            }
        }
    }

    /// <summary>
    /// The change a diagnostic carrying <paramref name="property"/> asks for: the underlined text replaced by what
    /// <paramref name="replace"/> makes of it and the property's value; none without the property or when
    /// <paramref name="replace"/> declines (the text is not spelled the way the fix can rewrite).
    /// </summary>
    public static System.Func<SourceText, Diagnostic, TextChange?> FromProperty(string property, System.Func<string, string, string?> replace)
        => (text, diagnostic) =>
        {
            if (!diagnostic.Properties.TryGetValue(property, out var value) || value is null)
            {
                return null;
            }

            var span = diagnostic.Location.SourceSpan;
            return replace(text.ToString(span), value) is { } replacement ? new TextChange(span, replacement) : null;
        };

    /// <summary>A fix-all applying <paramref name="change"/> to every diagnostic in scope that has one.</summary>
    public static FixAllProvider FixAll(System.Func<SourceText, Diagnostic, TextChange?> change)
        => FixAllProvider.Create(async (context, document, diagnostics) =>
        {
            var text = await document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
            var changes = diagnostics.Select(d => change(text, d)).OfType<TextChange>().ToList();
            return await ApplyAsync(document, changes, context.CancellationToken).ConfigureAwait(false);
        });
}
