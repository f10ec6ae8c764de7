using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Hashing;

/// <summary>
/// Which text of a file the other files' bindings can depend on (what <see cref="FileBindings"/> hashes): every token
/// outside method, accessor, constructor and local function bodies, outside top-level statements and outside the
/// arguments of attributes on methods and their parameters, plus its directives and whether it has top-level statements (they declare <c>Program</c>). What a call in
/// one file binds to depends only on its own text and on the declarations of the rest of the compilation: a body in
/// another file can change no binding here, nor can the text of a <c>[Cached]</c> key or TTL.
/// </summary>
internal static class DeclarationFingerprint
{
    /// <summary>
    /// Whether nothing built from declarations can depend on the text under <paramref name="node"/>: a body, or the
    /// arguments of an attribute written where a key, a TTL or a policy is.
    /// </summary>
    public static bool IsHidden(SyntaxNode node) => IsBody(node) || node is AttributeArgumentListSyntax { Parent: AttributeSyntax attribute } && IsPolicyText(attribute);

    // The arguments of attributes on methods and on their parameters are left out: there a [Cached] key, a TTL or a
    // policy is written, and the method's locator carries that text, so editing it re-reads that method alone. Every
    // other attribute's arguments count: on a type, a property, a field or a constructor they can change the JSON a
    // cached result is stored as (an alias of [JsonPropertyName] included), which the result-shape hash follows. Two
    // attributes on methods change what a call binds to and count too: [OverloadResolutionPriority(n)] ranks overloads,
    // [CollectionBuilder(type, name)] (on a type, counted anyway) picks a collection expression's conversion.
    private static bool IsPolicyText(AttributeSyntax attribute)
    {
        if (attribute.Parent is not AttributeListSyntax { Parent: MethodDeclarationSyntax or ParameterSyntax { Parent: ParameterListSyntax { Parent: MethodDeclarationSyntax } } })
        {
            return false;
        }

        var name = attribute.Name.ToString();
        return !name.EndsWith("OverloadResolutionPriority", System.StringComparison.Ordinal)
            && !name.EndsWith("OverloadResolutionPriorityAttribute", System.StringComparison.Ordinal);
    }

    /// <summary>Code whose text no other file can see: the bodies of members and local functions, top-level statements.</summary>
    private static bool IsBody(SyntaxNode node) => node switch
    {
        GlobalStatementSyntax => true,
        BlockSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax } => true,
        ArrowExpressionClauseSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or PropertyDeclarationSyntax or IndexerDeclarationSyntax } => true,
        _ => false,
    };
}
