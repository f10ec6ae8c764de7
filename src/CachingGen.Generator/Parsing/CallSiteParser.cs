using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using CachingGen.Generator.Diagnostics;
using CachingGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Parsing;

/// <summary>
/// Turns a call of an annotated method on its class into the model of its interceptor. The semantic model is asked
/// only about named invocations (<see cref="InterceptionRules.IsNamedInvocation"/>), and a method called from many
/// places is compiled into its model once per compilation.
/// </summary>
internal static class CallSiteParser
{
    // Keyed by symbol: a compilation hands out one symbol per method, and a symbol from metadata is shared by the
    // compilations that reference the same assembly, so 10,000 calls of one method parse it once.
    private static readonly ConditionalWeakTable<IMethodSymbol, TargetBox> s_targets = new();

    /// <summary>The call's interceptor model; null when it is not a call to intercept. Never throws (a failure is returned).</summary>
    public static CallSiteResult? Parse(InvocationExpressionSyntax invocation, SemanticModel model, CallTargetResolver resolver, CancellationToken cancellationToken)
    {
        try
        {
            return ParseCore(invocation, model, resolver, cancellationToken) is { } call ? new CallSiteResult(call, null) : null;
        }
        catch (System.Exception ex) when (ex is not System.OperationCanceledException)
        {
            // The call stays as written (uncached), and the build says so at the call rather than crashing (CS8785).
            return new CallSiteResult(null, new GeneratorFailure(invocation.ToString(), ex.GetType().Name, ex.Message, LocationInfo.From(invocation.GetLocation())));
        }
    }

    /// <summary>
    /// The generated class holding the bodies for <paramref name="containingType"/>'s methods in the assembly
    /// <paramref name="assemblyName"/>: readable, plus a hash of both, so that two calling projects (or two classes whose
    /// names flatten alike, <c>A_B</c> and <c>A.B</c>) never generate the same name.
    /// </summary>
    public static string CallsClass(string containingType, string? assemblyName)
    {
        var name = containingType.StartsWith("global::", System.StringComparison.Ordinal) ? containingType.Substring("global::".Length) : containingType;
        var hash = StableHash.OfChars((assemblyName ?? string.Empty) + "|" + containingType);
        return new string(name.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray()) + "Calls_" + hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static CallSiteModel? ParseCore(InvocationExpressionSyntax invocation, SemanticModel model, CallTargetResolver resolver, CancellationToken cancellationToken)
    {
        // Declarations answer most calls; only the rest binds the enclosing body.
        var resolution = resolver.Resolve(invocation);
        var method = resolution.Known ? resolution.Method : model.GetSymbolInfo(invocation, cancellationToken).Symbol as IMethodSymbol;
        if (method is null
            || !InterceptionRules.IsAnnotatedClassMethod(method)
            || InterceptionRules.Obstacle(method, invocation, model, cancellationToken) is not null)
        {
            return null;
        }

        var target = Target(method.OriginalDefinition, cancellationToken);
        if (target is null)
        {
            // Invalid (the analyzer reports why at the method): the call stays as it is.
            return null;
        }

        GeneratorFaultInjection.OnCallSite(method.Name);
        var location = model.GetInterceptableLocation(invocation, cancellationToken);
        return location is null
            ? null
            : new CallSiteModel(invocation.SyntaxTree.FilePath, location.Version, location.Data, location.GetDisplayLocation(), target, CallsClass(target.ContainingType, model.Compilation.AssemblyName));
    }

    private static InterceptedMethodModel? Target(IMethodSymbol method, CancellationToken cancellationToken)
    {
        // Lock-free for the calls after the first; the first of a method in this compilation may have been remembered
        // by the decorator's pipeline (Remember), which parses the same method anyway.
        return s_targets.TryGetValue(method, out var box) ? box.Model : s_targets.GetValue(method, m => new TargetBox(Compile(m, cancellationToken))).Model;
    }

    /// <summary>Keeps a method's model parsed by the decorator's pipeline, so its calls do not parse it again.</summary>
    public static void Remember(IMethodSymbol method, MethodModel? model)
    {
        if (!s_targets.TryGetValue(method, out _))
        {
            try
            {
                s_targets.Add(method, new TargetBox(model is null ? null : Intercepted(method, model)));
            }
            catch (System.ArgumentException)
            {
                // Added by a call's parse meanwhile: the same model.
            }
        }
    }

    private static InterceptedMethodModel? Compile(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var model = new RepositoryParser(DiagnosticSink.Null, cancellationToken).ParseMethod(method);
        return model is null ? null : Intercepted(method, model);
    }

    private static InterceptedMethodModel Intercepted(IMethodSymbol method, MethodModel model)
        => new InterceptedMethodModel(
                model,
                SymbolFormats.Qualified(method.ContainingType),
                method.IsStatic,
                SymbolFormats.Qualified(method.ReturnType),
                method.Parameters.Select(p => new ParameterModel(
                        SymbolFormats.Identifier(p.Name),
                        SymbolFormats.Qualified(p.Type),
                        SymbolFormats.RefKindText(p.RefKind),
                        TypeRules.IsCancellationToken(p.Type)))
                    .ToEquatableArray(),
                method.IsStatic && method.Parameters.Length > 0 && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, method.ContainingType));

    private sealed class TargetBox(InterceptedMethodModel? model)
    {
        public InterceptedMethodModel? Model { get; } = model;
    }
}
