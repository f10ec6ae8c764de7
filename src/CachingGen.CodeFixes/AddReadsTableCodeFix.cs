namespace CachingGen.CodeFixes;

/// <summary>
/// CG0032: adds <c>[ReadsTable("t")]</c> to a cached read the change feed cannot see, one action per table the class's
/// other methods read or write (the analyzer passes them), so the user picks the one the read depends on. No Fix All:
/// each read depends on its own tables. Without a candidate there is no action; the message says what to write.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddReadsTableCodeFix)), Shared]
public sealed class AddReadsTableCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ChangeFeedCannotSee);

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.CandidateTables, out var candidates) || string.IsNullOrEmpty(candidates)
                || root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault() is not { } declaration)
            {
                continue;
            }

            foreach (var table in candidates!.Split(DiagnosticProperties.TableSeparator[0]))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Add [ReadsTable(\"{table}\")]",
                        cancellationToken => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(declaration, MethodAttributes.WithAttribute(declaration, "ReadsTable", table)))),
                        equivalenceKey: nameof(AddReadsTableCodeFix) + ":" + table),
                    diagnostic);
            }
        }
    }
}
