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
    /// <summary>Whether nothing built from declarations can depend on the text under <paramref name="node"/>: a body, or the arguments of an attribute that changes neither a binding nor a stored shape.</summary>
    public static bool IsHidden(SyntaxNode node) => IsBody(node) || node is AttributeArgumentListSyntax { Parent: AttributeSyntax attribute } && !Counts(attribute);

    // Attributes whose arguments count. Two change what a call binds to: [OverloadResolutionPriority(n)] ranks overloads,
    // and [CollectionBuilder(type, name)] decides which overloads a collection expression converts to. Three change the
    // JSON a cached result is stored as, which the decorator's result-shape hash follows (ResultShapeHash): a property
    // renamed by [JsonPropertyName], [JsonIgnore]'s condition, [JsonConverter]'s type. Leaving those out kept the old
    // hash in an editor or a compiler server after such an edit, so entries stored in the old JSON would have been read.
    private static readonly string[] s_counted =
    [
        "OverloadResolutionPriority", "CollectionBuilder", "JsonPropertyName", "JsonIgnore", "JsonConverter",
    ];

    private static bool Counts(AttributeSyntax attribute)
    {
        var name = attribute.Name.ToString();
        foreach (var counted in s_counted)
        {
            if (name.EndsWith(counted, System.StringComparison.Ordinal) || name.EndsWith(counted + "Attribute", System.StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
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
