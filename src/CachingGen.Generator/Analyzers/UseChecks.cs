using System.Collections.Concurrent;
using CachingGen.Generator.Parsing;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CachingGen.Generator.Analyzers;

/// <summary>
/// Says at each use of an annotated method that neither the decorator nor an interceptor handles that it is not
/// cached (CG0023) or, for an <c>[Invalidates]</c> method, that it does not invalidate (CG0025); and, when the
/// project has interceptors on but the compiler may not use them, says so at each call they would have replaced
/// (CG0024). The rules are the generator's own (<see cref="InterceptionRules"/>), so the two never disagree.
/// </summary>
/// <remarks>
/// Every invocation and method reference comes through here; the target's attributes (cached per symbol by
/// Roslyn) are the first test, so other calls cost one look-up.
/// </remarks>
internal sealed class UseChecks(InterceptorSettings settings)
{
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _annotated = new(SymbolEqualityComparer.Default);

    public void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (!IsAnnotatedClassMethod(method) || invocation.Syntax is not InvocationExpressionSyntax syntax || invocation.SemanticModel is not { } model)
        {
            return;
        }

        var reason = InterceptionRules.Obstacle(method, syntax, model, context.CancellationToken);
        if (reason is null)
        {
            if (settings.OptedOut)
            {
                reason = "interceptors are off in this project (<CachingGenInterceptors>false</CachingGenInterceptors>), and only an interceptor sees a call made on the class rather than through its interface";
            }
            else if (!settings.NamespaceEnabled)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InterceptorsNotEnabled, NameLocation(syntax), Name(method)));
                return;
            }
            else
            {
                return;
            }
        }

        Report(context, method, NameLocation(syntax), reason);
    }

    public void AnalyzeMethodReference(OperationAnalysisContext context)
    {
        var reference = (IMethodReferenceOperation)context.Operation;
        if (IsAnnotatedClassMethod(reference.Method))
        {
            Report(context, reference.Method, reference.Syntax.GetLocation(), "a method group made into a delegate calls the method directly, where no interceptor can stand in; call it inside a lambda instead (x => repository.Method(x)), whose call is intercepted");
        }
    }

    private static void Report(OperationAnalysisContext context, IMethodSymbol method, Location location, string reason)
    {
        var invalidates = !AttributeNames.HasCached(method.ReducedFrom ?? method);
        context.ReportDiagnostic(Diagnostic.Create(invalidates ? DiagnosticDescriptors.UseNotInvalidating : DiagnosticDescriptors.UseNotCached, location, Name(method), reason));
    }

    private bool IsAnnotatedClassMethod(IMethodSymbol method)
        => _annotated.GetOrAdd(method, static m => InterceptionRules.IsAnnotatedClassMethod(m));

    private static string Name(IMethodSymbol method) => method.ToDisplayString(SymbolFormats.Short);

    /// <summary>The method's name and arguments (<c>GetAsync(id)</c> in <c>repo.GetAsync(id)</c>), where the call is.</summary>
    private static Location NameLocation(InvocationExpressionSyntax syntax)
    {
        var start = syntax.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.SpanStart,
            MemberBindingExpressionSyntax binding => binding.Name.SpanStart,
            _ => syntax.SpanStart,
        };
        return Location.Create(syntax.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(start, syntax.Span.End));
    }
}
