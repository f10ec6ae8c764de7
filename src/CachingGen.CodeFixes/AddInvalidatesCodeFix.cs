namespace CachingGen.CodeFixes;

/// <summary>
/// CG0029: adds to the writer the <c>[Invalidates]</c> of the read it misses, with each placeholder bound to one of the
/// writer's parameters or their members where the names line up (<c>userId</c>, <c>balance.UserId</c>). Where one cannot be
/// bound, it offers the prefix of the template before that placeholder instead (<c>balance:user:*</c>), which removes
/// more keys than needed but never too few.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddInvalidatesCodeFix)), Shared]
public sealed class AddInvalidatesCodeFix : CodeFixProvider
{
    /// <summary>The equivalence key of every action of this fix.</summary>
    private const string EquivalenceKey = nameof(AddInvalidatesCodeFix);

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.WriteNotInvalidating);

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => AddInvalidatesFixAllProvider.Instance;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.ReadTemplate, out var template) || template is null
                || root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault() is not { } declaration
                || model.GetDeclaredSymbol(declaration, context.CancellationToken) is not IMethodSymbol writer)
            {
                continue;
            }

            if (InvalidatesRewriter.FixedTemplate(template, writer) is not { } fixedTemplate)
            {
                continue;
            }

            // One equivalence key for every CG0029 fix: Fix All (and dotnet format, which fixes all with the key of
            // the first action it meets) then applies each diagnostic's own template.
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Add [Invalidates(\"{fixedTemplate}\")]",
                    cancellationToken => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(declaration, InvalidatesRewriter.WithAttributes(declaration, [fixedTemplate])))),
                    equivalenceKey: EquivalenceKey),
                diagnostic);
        }
    }
}
