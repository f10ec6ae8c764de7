using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Parsing;

/// <summary>
/// The result type as written: <c>T</c> inside <c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c> (however qualified), or the
/// return type itself. Shared as source with the code fixes, so the type the analyzer underlines is the one they edit.
/// </summary>
internal static class AsyncResultSyntax
{
    public static TypeSyntax ResultType(TypeSyntax returnType)
        => GenericName(returnType) is { Identifier.ValueText: "Task" or "ValueTask", TypeArgumentList.Arguments.Count: 1 } generic
            ? generic.TypeArgumentList.Arguments[0]
            : returnType;

    /// <summary>The generic name at the end of <paramref name="type"/> (<c>List&lt;T&gt;</c>, <c>N.List&lt;T&gt;</c>, <c>global::N.List&lt;T&gt;</c>), or null.</summary>
    public static GenericNameSyntax? GenericName(TypeSyntax type) => type switch
    {
        GenericNameSyntax name => name,
        QualifiedNameSyntax { Right: GenericNameSyntax name } => name,
        AliasQualifiedNameSyntax { Name: GenericNameSyntax name } => name,
        _ => null,
    };
}
