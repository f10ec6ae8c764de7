namespace CachingGen.CodeFixes;

/// <summary>
/// Fix-all for CG0014. Each fix edits the implementation and its interface, often in different documents,
/// so the edits of every diagnostic in scope are collected first and applied to the solution once.
/// </summary>
internal sealed class ReadOnlyListFixAllProvider : FixAllProvider
{
    public static readonly ReadOnlyListFixAllProvider Instance = new();

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes()
        => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

    public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        => Task.FromResult<CodeAction?>(CodeAction.Create(
            UseReadOnlyListCodeFix.Title,
            async cancellationToken =>
            {
                var edits = new List<ReadOnlyListRewriter.TypeEdit>();
                foreach (var (document, diagnostics) in await DiagnosticsInScopeAsync(fixAllContext).ConfigureAwait(false))
                {
                    foreach (var diagnostic in diagnostics)
                    {
                        edits.AddRange(await ReadOnlyListRewriter.FindEditsAsync(document, diagnostic, cancellationToken).ConfigureAwait(false));
                    }
                }

                return await ReadOnlyListRewriter.ApplyAsync(fixAllContext.Solution, edits, cancellationToken).ConfigureAwait(false);
            },
            equivalenceKey: fixAllContext.CodeActionEquivalenceKey));

    private static async Task<List<(Document Document, ImmutableArray<Diagnostic> Diagnostics)>> DiagnosticsInScopeAsync(FixAllContext context)
    {
        var documents = FixAllDocuments.InScope(context);

        var result = new List<(Document, ImmutableArray<Diagnostic>)>();
        foreach (var document in documents)
        {
            var diagnostics = await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false);
            if (!diagnostics.IsEmpty)
            {
                result.Add((document, diagnostics));
            }
        }

        return result;
    }
}
