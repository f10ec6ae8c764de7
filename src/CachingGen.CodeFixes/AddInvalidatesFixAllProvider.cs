namespace CachingGen.CodeFixes;

/// <summary>
/// Fix All for CG0029 in a document, a project or the solution (the IDE's and <c>dotnet format</c>'s): one writer often
/// misses several reads, so the templates are gathered per method first and each method is rewritten once with all of
/// them (a batch of separate edits to one attribute list would conflict).
/// </summary>
internal sealed class AddInvalidatesFixAllProvider : SolutionFixAllProvider
{
    public static readonly AddInvalidatesFixAllProvider Instance = new();

    protected override string Title => "Add the missing [Invalidates]";

    protected override async Task<Solution> FixAsync(FixAllContext context, CancellationToken cancellationToken)
    {
        var solution = context.Solution;
        foreach (var (document, diagnostics) in await DiagnosticsInScopeAsync(context).ConfigureAwait(false))
        {
            if (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root
                || await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } model)
            {
                continue;
            }

            var templates = new Dictionary<MethodDeclarationSyntax, List<string>>();
            foreach (var diagnostic in diagnostics)
            {
                if (diagnostic.Properties.TryGetValue(DiagnosticProperties.ReadTemplate, out var template) && template is not null
                    && root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault() is { } declaration
                    && model.GetDeclaredSymbol(declaration, cancellationToken) is IMethodSymbol writer
                    && InvalidatesRewriter.FixedTemplate(template, writer) is { } fixedTemplate)
                {
                    if (!templates.TryGetValue(declaration, out var list))
                    {
                        templates[declaration] = list = [];
                    }

                    if (!list.Contains(fixedTemplate))
                    {
                        list.Add(fixedTemplate);
                    }
                }
            }

            if (templates.Count > 0)
            {
                // In template order, whatever order the diagnostics came in: the same text every run.
                var fixedRoot = root.ReplaceNodes(templates.Keys, (original, _) => InvalidatesRewriter.WithAttributes(original, templates[original].OrderBy(t => t, System.StringComparer.Ordinal)));
                solution = solution.WithDocumentSyntaxRoot(document.Id, fixedRoot);
            }
        }

        return solution;
    }
}
