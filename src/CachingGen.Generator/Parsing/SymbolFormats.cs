using Microsoft.CodeAnalysis.CSharp;

namespace CachingGen.Generator.Parsing;

internal static class SymbolFormats
{
    /// <summary><c>global::</c>-qualified, with nullable reference annotations.</summary>
    public static readonly SymbolDisplayFormat FullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>
    /// Readable, for messages. Without parameter default values: <c>CancellationToken ct = default(CancellationToken)</c>
    /// says nothing about the problem and makes a signature twice as long.
    /// </summary>
    public static readonly SymbolDisplayFormat Short = SymbolDisplayFormat.MinimallyQualifiedFormat
        .RemoveParameterOptions(SymbolDisplayParameterOptions.IncludeDefaultValue);

    public static string Qualified(ITypeSymbol type) => type.ToDisplayString(FullyQualified);

    /// <summary>Escapes an identifier that is a C# keyword with <c>@</c>.</summary>
    public static string Identifier(string name)
        => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) is SyntaxKind.AwaitKeyword
            ? "@" + name
            : name;

    /// <summary>The name without an explicit implementation's interface prefix (<c>IRepo.GetAsync</c> → <c>GetAsync</c>).</summary>
    public static string SimpleName(IMethodSymbol method)
        => method.ExplicitInterfaceImplementations.Length > 0 ? method.ExplicitInterfaceImplementations[0].Name : method.Name;

    /// <summary>A method's stable identity across compilations (its documentation id), matching it with interface members.</summary>
    public static string MethodId(IMethodSymbol method)
        => method.OriginalDefinition.GetDocumentationCommentId() ?? method.ToDisplayString();

    public static string RefKindText(RefKind refKind) => refKind switch
    {
        RefKind.Ref => "ref ",
        RefKind.Out => "out ",
        RefKind.In => "in ",
        (RefKind)4 => "ref readonly ", // RefKind.RefReadOnlyParameter, newer than the Roslyn we compile against
        _ => string.Empty,
    };
}
