using System.Globalization;
using CachingGen.Generator.Text;

namespace CachingGen.Generator.Parsing;

/// <summary>How <see cref="PolicyParser"/> checks a policy that names a method (the rule's signature, result type and visibility).</summary>
internal sealed partial class PolicyParser
{
    /// <summary>
    /// <c>Unless</c>/<c>TtlFrom</c>: a static, non-generic method of the repository class taking the result and returning
    /// <paramref name="returnName"/>, at least as accessible as the cached method (interceptors in other projects call it).
    /// Returns the method group the generated code names.
    /// </summary>
    private string? Rule(IMethodSymbol method, Lazy<string> name, AttributeData attribute, string property, ITypeSymbol? resultType, string returnName, Func<ITypeSymbol, bool> returns, ref bool ok)
    {
        if (Named(attribute, property) is not { Value: string ruleName } || resultType is null)
        {
            return null;
        }

        var type = method.ContainingType;
        var candidates = type.GetMembers(ruleName).OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToList();
        var expected = $"static {returnName} {ruleName}({resultType.ToDisplayString(SymbolFormats.Short)} result)";
        string? problem = null;
        if (candidates.Count == 0)
        {
            var near = DidYouMean.Closest(ruleName, type.GetMembers().OfType<IMethodSymbol>().Where(m => m.IsStatic && m.MethodKind == MethodKind.Ordinary).Select(m => m.Name));
            problem = $"'{type.ToDisplayString(SymbolFormats.Short)}' has no method named '{ruleName}'{(near is null ? string.Empty : $" (did you mean '{near}'?)")}; declare {expected} in it, and name it with nameof";
        }
        else
        {
            var matching = candidates.Where(m => m.Parameters.Length == 1 && m.Parameters[0].RefKind == RefKind.None
                && SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type, resultType) && returns(m.ReturnType)).ToList();
            var found = matching.Count == 1 ? matching[0] : null;
            if (found is null)
            {
                problem = matching.Count > 1
                    ? $"several methods named '{ruleName}' match; keep one"
                    : $"'{ruleName}' must be {expected}{Mismatch(candidates, resultType, returnName, returns)}";
            }
            else if (!found.IsStatic)
            {
                problem = $"'{ruleName}' is an instance method, and the rule runs without an instance; make it {expected}";
            }
            else if (found.IsGenericMethod)
            {
                problem = $"'{ruleName}' is generic; make it {expected}";
            }
            else if (found.DeclaredAccessibility is Microsoft.CodeAnalysis.Accessibility.Private or Microsoft.CodeAnalysis.Accessibility.Protected or Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal)
            {
                problem = $"'{ruleName}' is {AccessibilityText(found)}, and the generated code outside the class calls it; make it internal or public";
            }
            else if (IsVisibleOutsideAssembly(method) && found.DeclaredAccessibility != Microsoft.CodeAnalysis.Accessibility.Public)
            {
                problem = $"'{ruleName}' is {AccessibilityText(found)} but '{name.Value}' can be called from other projects, whose calls are cached by code that must call the rule too; make it public";
            }
        }

        if (problem is not null)
        {
            ok = Report(DiagnosticDescriptors.InvalidPolicyRule, attribute, property, property, ruleName, name.Value, problem);
            return null;
        }

        return SymbolFormats.Qualified(type) + "." + SymbolFormats.Identifier(ruleName);
    }

    /// <summary>What is wrong with the one candidate, when there is one: its parameters or its return type.</summary>
    private static string Mismatch(System.Collections.Generic.List<IMethodSymbol> candidates, ITypeSymbol resultType, string returnName, Func<ITypeSymbol, bool> returns)
    {
        if (candidates.Count != 1)
        {
            return string.Empty;
        }

        var candidate = candidates[0];
        if (candidate.Parameters.Length != 1)
        {
            return $" (it takes {candidate.Parameters.Length} parameters)";
        }

        if (!SymbolEqualityComparer.Default.Equals(candidate.Parameters[0].Type, resultType))
        {
            return $" (it takes '{candidate.Parameters[0].Type.ToDisplayString(SymbolFormats.Short)}', and the result is '{resultType.ToDisplayString(SymbolFormats.Short)}')";
        }

        if (candidate.Parameters[0].RefKind != RefKind.None)
        {
            return " (its parameter is passed by reference)";
        }

        return returns(candidate.ReturnType) ? string.Empty : $" (it returns '{candidate.ReturnType.ToDisplayString(SymbolFormats.Short)}', not {returnName})";
    }

    /// <summary>Whether another assembly can call <paramref name="method"/>: public, in public types all the way out.</summary>
    private static bool IsVisibleOutsideAssembly(IMethodSymbol method)
    {
        for (ISymbol? symbol = method; symbol is not null and not INamespaceSymbol; symbol = symbol.ContainingSymbol)
        {
            if (symbol.DeclaredAccessibility is not (Microsoft.CodeAnalysis.Accessibility.Public or Microsoft.CodeAnalysis.Accessibility.Protected or Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }

    private static string AccessibilityText(IMethodSymbol method) => method.DeclaredAccessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Private => "private",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
        Microsoft.CodeAnalysis.Accessibility.Internal => "internal",
        _ => "public",
    };
}
