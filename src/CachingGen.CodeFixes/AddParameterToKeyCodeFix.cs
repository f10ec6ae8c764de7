using CachingGen.Generator.Parsing;

namespace CachingGen.CodeFixes;

/// <summary>CG0011: appends <c>:&lt;param&gt;</c> to a key template that leaves a parameter out.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddParameterToKeyCodeFix)), Shared]
public sealed class AddParameterToKeyCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ParameterNotInKey);

    /// <inheritdoc />
    /// <remarks>
    /// Several parameters missing from one key all edit the same literal, which a text-merging batch fixer
    /// would drop as conflicts; this one rewrites each literal once with every missing parameter.
    /// </remarks>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(
        async (context, document, diagnostics) => await Apply(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(DiagnosticProperties.Parameter, out var parameter) && parameter is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Add '{Segment(parameter)}' to the key",
                        cancellationToken => Apply(context.Document, ImmutableArray.Create(diagnostic), cancellationToken),
                        equivalenceKey: nameof(AddParameterToKeyCodeFix)),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    private static async Task<Document> Apply(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var additions = new Dictionary<LiteralExpressionSyntax, List<string>>();
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Parameter, out var parameter) || parameter is null)
            {
                continue;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node.FirstAncestorOrSelf<LiteralExpressionSyntax>() is not { RawKind: (int)SyntaxKind.StringLiteralExpression } literal
                || !IsCachedKeyArgument(literal))
            {
                continue;
            }

            if (!additions.TryGetValue(literal, out var parameters))
            {
                additions[literal] = parameters = new List<string>();
            }

            if (!parameters.Contains(parameter))
            {
                parameters.Add(parameter);
            }
        }

        var updated = root.ReplaceNodes(additions.Keys, (original, _) =>
        {
            var suffix = string.Concat(additions[original].Select(Segment));
            return original.WithToken(Append(original.Token, suffix));
        });
        return document.WithSyntaxRoot(updated);
    }

    /// <summary>Whether <paramref name="literal"/> is the key argument of <c>[Cached]</c>, the only literal this fix may edit.</summary>
    private static bool IsCachedKeyArgument(LiteralExpressionSyntax literal)
    {
        if (literal.Parent is not AttributeArgumentSyntax { NameEquals: null, Parent: AttributeArgumentListSyntax list } argument)
        {
            return false;
        }

        if (argument.NameColon is { } nameColon)
        {
            return nameColon.Name.Identifier.ValueText == AttributeArgumentNames.CachedKey;
        }

        // Position among the constructor arguments (named properties, "X = ...", come after them and do not count).
        var position = 0;
        foreach (var other in list.Arguments)
        {
            if (other == argument)
            {
                return position == AttributeArgumentNames.CachedKeyPosition;
            }

            if (other.NameEquals is null)
            {
                position++;
            }
        }

        return false;
    }

    /// <summary><c>:&lt;parameter&gt;</c>, the key segment that adds a parameter.</summary>
    private static string Segment(string parameter) => KeyGrammar.Separator + KeyGrammar.Placeholder(parameter);

    /// <summary>Keeps the user's literal style (regular or verbatim) when it can; otherwise writes a regular literal.</summary>
    private static SyntaxToken Append(SyntaxToken token, string suffix)
    {
        var text = token.Text;
        var isSimple = token.IsKind(SyntaxKind.StringLiteralToken) && text.EndsWith("\"", System.StringComparison.Ordinal)
            && (text.StartsWith("\"", System.StringComparison.Ordinal) || text.StartsWith("@\"", System.StringComparison.Ordinal));
        var value = token.ValueText + suffix;
        var newText = isSimple ? text.Substring(0, text.Length - 1) + suffix + "\"" : SymbolDisplay.FormatLiteral(value, quote: true);
        return SyntaxFactory.Literal(token.LeadingTrivia, newText, value, token.TrailingTrivia);
    }
}
