using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Hashing;

/// <summary>
/// Which text of a file the other files' bindings can depend on (what <see cref="FileBindings"/> hashes): every token
/// outside method, accessor, constructor and local function bodies, outside top-level statements and outside attribute
/// arguments, plus its directives and whether it has top-level statements (they declare <c>Program</c>). What a call in
/// one file binds to depends only on its own text and on the declarations of the rest of the compilation: a body in
/// another file can change no binding here, nor can the text of a <c>[Cached]</c> key or TTL.
/// </summary>
internal static class DeclarationFingerprint
{
    /// <summary>Whether no other file's binding can depend on the text under <paramref name="node"/>: a body, or a non-binding attribute's arguments.</summary>
    public static bool IsHidden(SyntaxNode node) => IsBody(node) || IsArgumentOfAnAttributeThatCannotChangeBinding(node);

    // Two attributes' arguments change what a call binds to: [OverloadResolutionPriority(n)] ranks overloads, and
    // [CollectionBuilder(type, name)] decides which overloads a collection expression converts to.
    private static bool IsArgumentOfAnAttributeThatCannotChangeBinding(SyntaxNode node)
        => node is AttributeArgumentListSyntax { Parent: AttributeSyntax attribute }
            && !attribute.Name.ToString().EndsWith("OverloadResolutionPriority", System.StringComparison.Ordinal)
            && !attribute.Name.ToString().EndsWith("OverloadResolutionPriorityAttribute", System.StringComparison.Ordinal)
            && !attribute.Name.ToString().EndsWith("CollectionBuilder", System.StringComparison.Ordinal)
            && !attribute.Name.ToString().EndsWith("CollectionBuilderAttribute", System.StringComparison.Ordinal);

    /// <summary>Code whose text no other file can see: the bodies of members and local functions, top-level statements.</summary>
    private static bool IsBody(SyntaxNode node) => node switch
    {
        GlobalStatementSyntax => true,
        BlockSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax } => true,
        ArrowExpressionClauseSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or PropertyDeclarationSyntax or IndexerDeclarationSyntax } => true,
        _ => false,
    };
}
