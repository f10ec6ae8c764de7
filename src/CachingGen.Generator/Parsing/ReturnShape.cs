using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Parsing;

/// <summary>
/// What a method returns as the decorator sees it: the kind of return (sync, Task, ValueTask…) and the result type
/// a <c>[Cached]</c> method would store. One classification for the parser and the cross-method checks.
/// </summary>
internal readonly struct ReturnShape
{
    private ReturnShape(ReturnKind kind, ITypeSymbol? resultType)
    {
        Kind = kind;
        ResultType = resultType;
    }

    public ReturnKind Kind { get; }

    /// <summary>T of Task&lt;T&gt;/ValueTask&lt;T&gt;, the return type of a sync method, or null when there is no result.</summary>
    public ITypeSymbol? ResultType { get; }

    public static ReturnShape Of(IMethodSymbol method)
    {
        var type = method.ReturnType;
        if (method.ReturnsVoid)
        {
            return new(ReturnKind.Void, null);
        }

        if (TypeNames.Is(type, "System.Threading.Tasks", "Task"))
        {
            return new(ReturnKind.Task, null);
        }

        if (TypeNames.Is(type, "System.Threading.Tasks", "ValueTask"))
        {
            return new(ReturnKind.ValueTask, null);
        }

        if (type is INamedTypeSymbol { IsGenericType: true } named)
        {
            if (TypeNames.Is(named.OriginalDefinition, "System.Threading.Tasks", "Task`1"))
            {
                return new(ReturnKind.TaskOfT, named.TypeArguments[0]);
            }

            if (TypeNames.Is(named.OriginalDefinition, "System.Threading.Tasks", "ValueTask`1"))
            {
                return new(ReturnKind.ValueTaskOfT, named.TypeArguments[0]);
            }
        }

        return new(ReturnKind.Sync, type);
    }

    /// <summary>The declared result type in source (T in Task&lt;T&gt;), where a result-type diagnostic belongs.</summary>
    public static Location? ResultTypeLocation(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration)
            {
                // Underline the result inside Task<...>/ValueTask<...>, which is what the user should change.
                return AsyncResultSyntax.ResultType(declaration.ReturnType).GetLocation();
            }
        }

        return method.Locations.FirstOrDefault();
    }
}
