namespace CachingGen.CodeFixes;

/// <summary>
/// CG0014: changes a cached method that returns an array or a list-like collection (<see cref="Generator.Parsing.ReadOnlyListRule"/>:
/// <c>List&lt;T&gt;</c>, <c>IList&lt;T&gt;</c>, <c>ICollection&lt;T&gt;</c>, <c>Collection&lt;T&gt;</c>, <c>ObservableCollection&lt;T&gt;</c>)
/// to return <c>IReadOnlyList&lt;T&gt;</c>, together with the interface member it implements (which may live in another file).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseReadOnlyListCodeFix)), Shared]
public sealed class UseReadOnlyListCodeFix : CodeFixProvider
{
    internal const string Title = "Return IReadOnlyList<T> (method and interface)";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MutableCachedResult);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => ReadOnlyListFixAllProvider.Instance;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            var edits = await ReadOnlyListRewriter.FindEditsAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
            if (edits.IsEmpty)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    Title,
                    cancellationToken => ReadOnlyListRewriter.ApplyAsync(context.Document.Project.Solution, edits, cancellationToken),
                    equivalenceKey: nameof(UseReadOnlyListCodeFix)),
                diagnostic);
        }
    }
}
