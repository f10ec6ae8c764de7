using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Parsing;

/// <summary>
/// Which calls of annotated methods an interceptor can replace, shared by the generator (which intercepts them) and
/// the analyzer (which says at each other use that it is not cached, CG0023).
/// </summary>
internal static class InterceptionRules
{
    /// <summary>The namespace of the generated interceptors, which <c>InterceptorsNamespaces</c> must list.</summary>
    public const string Namespace = "CachingGen.Generated";

    /// <summary>
    /// Syntax only, for the generator's predicate: an invocation whose callee is named (<c>M()</c>, <c>x.M()</c>,
    /// <c>x?.M()</c>, <c>M&lt;T&gt;()</c>). The semantic model is asked about nothing else.
    /// </summary>
    public static bool IsNamedInvocation(SyntaxNode node)
        => node is InvocationExpressionSyntax { Expression: IdentifierNameSyntax or MemberAccessExpressionSyntax or MemberBindingExpressionSyntax or GenericNameSyntax };

    /// <summary>Whether <paramref name="method"/> is an annotated method of a class (calls through an interface go to the decorator).</summary>
    public static bool IsAnnotatedClassMethod(IMethodSymbol method)
        => method.MethodKind is MethodKind.Ordinary or MethodKind.ReducedExtension
            && method.ContainingType is { TypeKind: TypeKind.Class }
            && AttributeNames.IsAnnotated(method.ReducedFrom ?? method);

    /// <summary>
    /// Why a call of the annotated <paramref name="method"/> at <paramref name="invocation"/> cannot be intercepted,
    /// as the end of "is not cached here: …"; null when it can.
    /// </summary>
    public static string? Obstacle(IMethodSymbol method, InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (method.ReducedFrom is not null)
        {
            return "it is called as an extension method; call it as a static method";
        }

        if (invocation.Expression is MemberAccessExpressionSyntax { Expression: BaseExpressionSyntax })
        {
            return "a base call cannot be intercepted (the interceptor's call would dispatch back to the override)";
        }

        if (Obstacle(method, model.Compilation) is { } reason)
        {
            return reason;
        }

        return IsInExpressionTree(invocation, model, cancellationToken)
            ? "it is inside an expression tree, which is data, not a call"
            : null;
    }

    /// <summary>What about the method itself stops generated code from calling it in place of the caller; null when nothing.</summary>
    public static string? Obstacle(IMethodSymbol method, Compilation compilation)
    {
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.IsGenericType)
            {
                return "its class is generic";
            }

            if (type.IsFileLocal)
            {
                return "its class is file-local, and the generated interceptor lives in another file; make it internal or public";
            }
        }

        if (method.IsGenericMethod)
        {
            return "it is generic";
        }

        return compilation.IsSymbolAccessibleWithin(method, compilation.Assembly)
            ? null
            : "it is private or protected, and the generated interceptor must call it from outside the class; make it internal or public";
    }

    /// <summary>
    /// Whether <paramref name="node"/> is inside a lambda converted to an <c>Expression&lt;T&gt;</c>, written out or
    /// written by the compiler for a query clause (<c>from x in q where … select …</c> over <c>IQueryable</c>).
    /// </summary>
    public static bool IsInExpressionTree(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var ancestor in node.Ancestors())
        {
            var inTree = ancestor switch
            {
                LambdaExpressionSyntax lambda => IsExpression(model.GetTypeInfo(lambda, cancellationToken).ConvertedType),
                SelectOrGroupClauseSyntax clause => TakesExpression(model.GetSymbolInfo(clause, cancellationToken).Symbol),
                OrderingSyntax ordering => TakesExpression(model.GetSymbolInfo(ordering, cancellationToken).Symbol),
                QueryClauseSyntax clause => TakesExpression(model.GetQueryClauseInfo(clause, cancellationToken).OperationInfo.Symbol),
                _ => false,
            };
            if (inTree)
            {
                return true;
            }
        }

        return false;
    }

    // The query operator a clause calls (Queryable.Where, .Select, .OrderBy, .SelectMany, .Join…) takes its lambdas as
    // expression trees.
    private static bool TakesExpression(ISymbol? symbol) => symbol is IMethodSymbol method && method.Parameters.Any(p => IsExpression(p.Type));

    private static bool IsExpression(ITypeSymbol? type)
        => type is INamedTypeSymbol { Name: "Expression", ContainingNamespace: { Name: "Expressions", ContainingNamespace: { Name: "Linq", ContainingNamespace.Name: "System" } } };

    /// <summary>
    /// Whether the compiler lets generated code intercept calls (the namespace is listed). Per call site, before any
    /// semantic work: a project that cannot use interceptors pays nothing for finding calls.
    /// </summary>
    public static bool NamespaceEnabled(ParseOptions options)
        => (options.Features.TryGetValue("InterceptorsNamespaces", out var list) && Lists(list))
            || (options.Features.TryGetValue("InterceptorsPreviewNamespaces", out var preview) && Lists(preview));

    private static bool Lists(string namespaces) => namespaces.Split(';').Any(n => n.Trim() == Namespace);

    /// <summary>This project's settings: the opt-out property and whether the compiler allows the namespace.</summary>
    public static Model.InterceptorSettings Settings(ParseOptions? parseOptions, string? optOutProperty)
    {
        var enabled = parseOptions is not null && NamespaceEnabled(parseOptions);
        var optedOut = string.Equals(optOutProperty?.Trim(), "false", System.StringComparison.OrdinalIgnoreCase);
        return new Model.InterceptorSettings(optedOut, enabled);
    }

    /// <summary>The MSBuild property that turns interceptors off (<c>build_property.CachingGenInterceptors</c>).</summary>
    public const string OptOutProperty = "build_property.CachingGenInterceptors";
}
