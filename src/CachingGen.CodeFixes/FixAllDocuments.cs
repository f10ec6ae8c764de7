namespace CachingGen.CodeFixes;

/// <summary>The documents a Fix All covers: the one it started in, its project, or the solution.</summary>
internal static class FixAllDocuments
{
    public static Document[] InScope(FixAllContext context) => context.Scope switch
    {
        FixAllScope.Document when context.Document is not null => new[] { context.Document },
        FixAllScope.Project => context.Project.Documents.ToArray(),
        FixAllScope.Solution => context.Solution.Projects.SelectMany(p => p.Documents).ToArray(),
        _ => System.Array.Empty<Document>(),
    };
}
