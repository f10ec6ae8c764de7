using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Hashing;

/// <summary>
/// A hash of what one file declares to the others: every token outside method, accessor, constructor and local
/// function bodies and outside top-level statements, its directives, and whether it has top-level statements (they
/// declare <c>Program</c>). What a call in one file binds to depends only on its own text and on the declarations of
/// the rest of the compilation (a body in another file can change no binding here), so a file's scan stays valid
/// while the fingerprints of all files, the options and the references are the same. Computed by the interceptor
/// pipeline once per new tree (the pipeline reuses it for an unchanged one).
/// </summary>
internal static class DeclarationFingerprint
{
    public static ulong Of(SyntaxTree tree, CancellationToken cancellationToken) => Compute(tree, withAttributeArguments: true, cancellationToken);

    /// <summary>
    /// The same without attribute arguments: what binding an expression in another file can depend on (the text of a
    /// <c>[Cached]</c> key or TTL changes no type, member or overload anywhere), for caches of what bodies bind to.
    /// </summary>
    public static ulong ForBinding(SyntaxTree tree, CancellationToken cancellationToken) => Compute(tree, withAttributeArguments: false, cancellationToken);

    private static ulong Compute(SyntaxTree tree, bool withAttributeArguments, CancellationToken cancellationToken)
    {
        var hash = StableHash.Start64;
        var root = tree.GetRoot(cancellationToken);

        // Directives (#nullable, #if) change what the declarations mean: a signature's nullability, what is compiled.
        for (var directive = root.GetFirstDirective(); directive is not null; directive = directive.GetNextDirective())
        {
            hash = StableHash.Mix(hash, directive.ToString());
        }

        // Their text is a body, but their presence declares a class (Program) the other files can name.
        if (root is CompilationUnitSyntax unit && unit.Members.Any(static m => m is GlobalStatementSyntax))
        {
            hash = StableHash.Mix(hash, "top-level statements");
        }

        foreach (var token in root.DescendantTokens(node => !IsBody(node) && (withAttributeArguments || !IsArgumentOfAnAttributeOtherThanPriority(node))))
        {
            hash = StableHash.Mix(StableHash.Mix(hash, (ulong)token.RawKind), token.ValueText);
        }

        return hash;
    }

    // [OverloadResolutionPriority(n)] is the one attribute whose argument changes what a call binds to.
    private static bool IsArgumentOfAnAttributeOtherThanPriority(SyntaxNode node)
        => node is AttributeArgumentListSyntax { Parent: AttributeSyntax attribute }
            && !attribute.Name.ToString().EndsWith("OverloadResolutionPriority", System.StringComparison.Ordinal)
            && !attribute.Name.ToString().EndsWith("OverloadResolutionPriorityAttribute", System.StringComparison.Ordinal);

    /// <summary>Code whose text no other file can see: the bodies of members and local functions, top-level statements.</summary>
    private static bool IsBody(SyntaxNode node) => node switch
    {
        GlobalStatementSyntax => true,
        BlockSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax } => true,
        ArrowExpressionClauseSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or PropertyDeclarationSyntax or IndexerDeclarationSyntax } => true,
        _ => false,
    };
}
