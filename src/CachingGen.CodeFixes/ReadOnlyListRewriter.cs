using CachingGen.Generator.Parsing;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace CachingGen.CodeFixes;

/// <summary>
/// Finds the result-type syntax to change for one CG0014 diagnostic (the method's and each interface
/// declaration's) and applies a batch of such edits to a solution, one rewrite per document.
/// </summary>
internal static class ReadOnlyListRewriter
{
    public static async Task<ImmutableArray<TypeEdit>> FindEditsAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return ImmutableArray<TypeEdit>.Empty;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } declaration
            || model.GetDeclaredSymbol(declaration, cancellationToken) is not { } method
            || ResultType(declaration) is not { } resultType
            || ElementType(resultType) is null)
        {
            return ImmutableArray<TypeEdit>.Empty;
        }

        var fromResults = TaskResultReturns.FromResultNames(declaration, model, cancellationToken);
        if (fromResults.IsDefault)
        {
            return ImmutableArray<TypeEdit>.Empty;
        }

        var edits = ImmutableArray.CreateBuilder<TypeEdit>();
        edits.Add(new TypeEdit(document.Id, resultType.Span));
        edits.AddRange(fromResults.Select(name => new TypeEdit(document.Id, name.Span, IsFromResult: true)));
        var solution = document.Project.Solution;
        foreach (var @interface in method.ContainingType.AllInterfaces)
        {
            foreach (var member in @interface.GetMembers().OfType<IMethodSymbol>())
            {
                if (!SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method))
                {
                    continue;
                }

                foreach (var reference in member.DeclaringSyntaxReferences)
                {
                    if (await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is MethodDeclarationSyntax interfaceDeclaration
                        && solution.GetDocumentId(reference.SyntaxTree) is { } documentId
                        && ResultType(interfaceDeclaration) is { } interfaceResult
                        && ElementType(interfaceResult) is not null)
                    {
                        edits.Add(new TypeEdit(documentId, interfaceResult.Span));
                    }
                }
            }
        }

        return edits.ToImmutable();
    }

    public static async Task<Solution> ApplyAsync(Solution solution, IEnumerable<TypeEdit> edits, CancellationToken cancellationToken)
    {
        foreach (var group in edits.Distinct().GroupBy(e => e.DocumentId))
        {
            var document = solution.GetDocument(group.Key);
            var root = document is null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (document is null || root is null)
            {
                continue;
            }

            var types = group
                .Where(e => !e.IsFromResult)
                .Select(e => root.FindNode(e.Span, getInnermostNodeForTie: true))
                .OfType<TypeSyntax>()
                .Where(t => ElementType(t) is not null);
            var fromResults = group
                .Where(e => e.IsFromResult)
                .Select(e => root.FindNode(e.Span, getInnermostNodeForTie: true))
                .OfType<IdentifierNameSyntax>();
            var updated = root.ReplaceNodes(types.Cast<SyntaxNode>().Concat(fromResults).ToList(), (original, _) => original switch
            {
                IdentifierNameSyntax name => GenericFromResult(name),
                _ => ReadOnlyListOf(ElementType((TypeSyntax)original)!).WithTriviaFrom(original),
            });
            var changed = document.WithSyntaxRoot(updated);
            changed = await ImportAdder.AddImportsAsync(changed, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            solution = changed.Project.Solution;
        }

        return solution;
    }

    /// <summary>T inside Task&lt;T&gt;/ValueTask&lt;T&gt;, or the return type itself: the type the analyzer underlines.</summary>
    private static TypeSyntax ResultType(MethodDeclarationSyntax declaration) => AsyncResultSyntax.ResultType(declaration.ReturnType);

    /// <summary>The element type syntax of <c>T[]</c>, or of a collection that <see cref="ReadOnlyListRule"/> turns into IReadOnlyList.</summary>
    private static TypeSyntax? ElementType(TypeSyntax type)
    {
        if (type is ArrayTypeSyntax { RankSpecifiers.Count: 1 } array && array.RankSpecifiers[0].Rank == 1)
        {
            return array.ElementType;
        }

        return AsyncResultSyntax.GenericName(type) is { TypeArgumentList.Arguments.Count: 1 } generic
            && ReadOnlyListRule.NamespaceOf(generic.Identifier.ValueText) is not null
            ? generic.TypeArgumentList.Arguments[0]
            : null;
    }

    /// <summary><c>FromResult</c> as <c>FromResult&lt;IReadOnlyList&lt;E&gt;&gt;</c>, E from its method's result type.</summary>
    private static SyntaxNode GenericFromResult(IdentifierNameSyntax name)
    {
        var element = name.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { } method && ElementType(ResultType(method)) is { } found ? found : null;
        return element is null
            ? name
            : SyntaxFactory.GenericName(name.Identifier, SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList<TypeSyntax>(ReadOnlyListOf(element)))).WithTriviaFrom(name);
    }

    private static QualifiedNameSyntax ReadOnlyListOf(TypeSyntax element)
    {
        // Written fully qualified and marked: ApplyAsync adds the using directive if the file lacks it, then
        // shortens the name to IReadOnlyList<T>.
        var name = SyntaxFactory.QualifiedName(
            SyntaxFactory.ParseName("global::System.Collections.Generic"),
            SyntaxFactory.GenericName(SyntaxFactory.Identifier("IReadOnlyList"), SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(element.WithoutTrivia()))));
        return name.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
    }

    /// <summary>One type syntax to replace, by document and span (syntax nodes do not survive across edits).</summary>
    /// <param name="IsFromResult">The span is a <c>FromResult</c> name that gets the new type as its type argument (<see cref="TaskResultReturns"/>).</param>
    internal readonly record struct TypeEdit(DocumentId DocumentId, TextSpan Span, bool IsFromResult = false);
}
