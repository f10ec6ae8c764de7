namespace CachingGen.CodeFixes;

/// <summary>
/// Fix-all for CG0014. Each fix edits the implementation and its interface, often in different documents,
/// so the edits of every diagnostic in scope are collected first and applied to the solution once.
/// </summary>
internal sealed class ReadOnlyListFixAllProvider : SolutionFixAllProvider
{
    public static readonly ReadOnlyListFixAllProvider Instance = new();

    protected override string Title => UseReadOnlyListCodeFix.Title;

    protected override async Task<Solution> FixAsync(FixAllContext context, CancellationToken cancellationToken)
    {
        var edits = new List<ReadOnlyListRewriter.TypeEdit>();
        foreach (var (document, diagnostics) in await DiagnosticsInScopeAsync(context).ConfigureAwait(false))
        {
            foreach (var diagnostic in diagnostics)
            {
                edits.AddRange(await ReadOnlyListRewriter.FindEditsAsync(document, diagnostic, cancellationToken).ConfigureAwait(false));
            }
        }

        return await ReadOnlyListRewriter.ApplyAsync(context.Solution, edits, cancellationToken).ConfigureAwait(false);
    }
}
