namespace CachingGen.CodeFixes;

/// <summary>
/// What a method that is not <c>async</c> returns as its <c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c>. Changing T to
/// <c>IReadOnlyList&lt;E&gt;</c> keeps an async method's <c>return list;</c> valid (a List converts), but not a
/// <c>Task&lt;List&lt;E&gt;&gt;</c> built by <c>Task.FromResult(list)</c> (CS0029: tasks do not convert). Those calls are
/// given their type argument, <c>Task.FromResult&lt;IReadOnlyList&lt;E&gt;&gt;(list)</c>; a method that returns any other
/// task (another method's) cannot be changed safely, and gets no fix.
/// </summary>
internal static class TaskResultReturns
{
    /// <summary>
    /// The <c>FromResult</c> names to give a type argument (empty when there is nothing to do), or default when the
    /// method returns a task the fix cannot convert.
    /// </summary>
    public static ImmutableArray<SimpleNameSyntax> FromResultNames(MethodDeclarationSyntax declaration, SemanticModel model, CancellationToken cancellationToken)
    {
        if (declaration.Modifiers.Any(SyntaxKind.AsyncKeyword) || ReferenceEquals(Generator.Parsing.AsyncResultSyntax.ResultType(declaration.ReturnType), declaration.ReturnType))
        {
            return ImmutableArray<SimpleNameSyntax>.Empty;
        }

        var returned = declaration.ExpressionBody is { } arrow
            ? [arrow.Expression]
            : declaration.Body?.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
                .OfType<ReturnStatementSyntax>()
                .Select(r => r.Expression)
                .OfType<ExpressionSyntax>()
                .ToList() ?? [];
        var names = ImmutableArray.CreateBuilder<SimpleNameSyntax>();
        foreach (var expression in returned)
        {
            if (expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: IdentifierNameSyntax { Identifier.ValueText: "FromResult" } name } } invocation
                && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol { ContainingType: { Name: "Task" or "ValueTask", ContainingNamespace: { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } } })
            {
                names.Add(name);
            }
            else
            {
                return default;
            }
        }

        return names.ToImmutable();
    }
}
