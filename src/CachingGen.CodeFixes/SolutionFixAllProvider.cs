namespace CachingGen.CodeFixes;

/// <summary>
/// A Fix All over a document, its project or the solution that computes the fixed solution itself: for fixes whose
/// edits of several diagnostics meet in one member or spread over several documents, which a batch of separate text
/// edits would turn into conflicts.
/// </summary>
internal abstract class SolutionFixAllProvider : FixAllProvider
{
    /// <summary>The title of the one action.</summary>
    protected abstract string Title { get; }

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes()
        => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

    public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        => Task.FromResult<CodeAction?>(CodeAction.Create(
            Title,
            cancellationToken => FixAsync(fixAllContext, cancellationToken),
            equivalenceKey: fixAllContext.CodeActionEquivalenceKey));

    /// <summary>The solution with every diagnostic in the context's scope fixed.</summary>
    protected abstract Task<Solution> FixAsync(FixAllContext context, CancellationToken cancellationToken);

    /// <summary>Each document of the scope (the one it started in, its project, or the solution) that has diagnostics, with them.</summary>
    protected static async Task<List<(Document Document, ImmutableArray<Diagnostic> Diagnostics)>> DiagnosticsInScopeAsync(FixAllContext context)
    {
        var documents = context.Scope switch
        {
            FixAllScope.Document when context.Document is not null => new[] { context.Document },
            FixAllScope.Project => context.Project.Documents.ToArray(),
            FixAllScope.Solution => context.Solution.Projects.SelectMany(p => p.Documents).ToArray(),
            _ => System.Array.Empty<Document>(),
        };

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
