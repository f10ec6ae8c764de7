using System.Linq;
using System.Threading;
using System;
using CachingGen.Generator.Hashing;
using CachingGen.Generator.Model;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis;

namespace CachingGen.Generator.Parsing;

/// <summary>
/// Turns a call of an annotated method on its class into the model of its interception. The semantic model is asked
/// only about named invocations (<see cref="InterceptionRules.IsNamedInvocation"/>), and only when the declarations
/// cannot answer (<see cref="CallTargetResolver"/>).
/// </summary>
internal static class CallSiteParser
{
    /// <summary>
    /// The call's model; null when it is not a call to intercept. <paramref name="target"/> gives the method as its
    /// declaration says (null for a referenced method whose model is invalid: its calls stay as written; a method of
    /// this compilation is judged valid or not when the policies are joined in); <paramref name="parsed"/> is the test
    /// hook; <paramref name="bound"/> says whether the enclosing body was bound (then the answer may depend on anything
    /// the body spells, not only on the declarations of the call's name).
    /// </summary>
    public static CallSiteModel? Parse(
        InvocationExpressionSyntax invocation,
        SemanticModel model,
        CallTargetResolver resolver,
        Func<IMethodSymbol, CallTargetModel?> target,
        Action<string>? parsed,
        out bool bound,
        CancellationToken cancellationToken)
    {
        // Declarations answer most calls; only the rest binds the enclosing body.
        var resolution = resolver.Resolve(invocation);
        bound = !resolution.Known;
        var method = resolution.Known ? resolution.Method : model.GetSymbolInfo(invocation, cancellationToken).Symbol as IMethodSymbol;
        if (method is null
            || !InterceptionRules.IsAnnotatedClassMethod(method)
            || InterceptionRules.Obstacle(method, invocation, model, cancellationToken) is not null)
        {
            return null;
        }

        if (target(method.OriginalDefinition) is not { } called)
        {
            // Invalid (the analyzer reports why at the method): the call stays as it is.
            return null;
        }

        parsed?.Invoke(method.Name);
        var location = model.GetInterceptableLocation(invocation, cancellationToken);
        return location is null
            ? null
            : new CallSiteModel(
                new InterceptLocationModel(location.Version, location.Data, location.GetDisplayLocation()),
                called,
                CallsClass(called.ContainingType, model.Compilation.AssemblyName));
    }

    /// <summary>
    /// The generated class holding the bodies for <paramref name="containingType"/>'s methods in the assembly
    /// <paramref name="assemblyName"/>: readable, plus a hash of both, so that two calling projects (or two classes whose
    /// names flatten alike, <c>A_B</c> and <c>A.B</c>) never generate the same name.
    /// </summary>
    public static string CallsClass(string containingType, string? assemblyName)
    {
        var name = containingType.StartsWith("global::", StringComparison.Ordinal) ? containingType.Substring("global::".Length) : containingType;
        var hash = StableHash.OfChars((assemblyName ?? string.Empty) + "|" + containingType);
        return new string(name.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray()) + "Calls_" + hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// An annotated method as its interceptor sees it, from its declaration: the signature the body repeats, and for a
    /// method of a referenced assembly its <paramref name="referenced"/> model (null for this compilation's own).
    /// </summary>
    public static CallTargetModel Target(IMethodSymbol method, MethodModel? referenced)
        => new(
            SymbolFormats.MethodId(method),
            SymbolFormats.Qualified(method.ContainingType),
            method.IsStatic,
            SymbolFormats.Qualified(method.ReturnType),
            method.Parameters.Select(p => new ParameterModel(
                    SymbolFormats.Identifier(p.Name),
                    SymbolFormats.Qualified(p.Type),
                    SymbolFormats.RefKindText(p.RefKind),
                    TypeRules.IsCancellationToken(p.Type)))
                .ToEquatableArray(),
            method.IsStatic && method.Parameters.Length > 0 && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, method.ContainingType),
            referenced);
}
