using Microsoft.CodeAnalysis;

namespace CachingGen.Generator.Parsing;

/// <summary>
/// Which method of a class runs when an interface method is called through the interface.
/// </summary>
/// <remarks>
/// Roslyn's <c>FindImplementationForInterfaceMember</c> answers every case exactly, but on first use it also
/// computes the class's implementation diagnostics, binding the attributes and signatures of every candidate
/// member: in a cold command-line build that was half of the generator's time and most of the analyzer's. The
/// usual repository shape — a class deriving from <see cref="object"/>, without explicit interface
/// implementations, implementing a non-generic method — is answered here from the names and signatures the
/// decorator reads anyway; anything else, and any doubt, goes to Roslyn.
/// </remarks>
internal static class ImplementationLookup
{
    public static IMethodSymbol? Find(INamedTypeSymbol type, ISymbol member)
    {
        if (TryFindDirect(type, member, out var implementation))
        {
            return implementation;
        }

        return type.FindImplementationForInterfaceMember(member) as IMethodSymbol;
    }

    /// <summary>True when the answer (possibly null: no method of the class implements it) is certain without Roslyn's interface map.</summary>
    private static bool TryFindDirect(INamedTypeSymbol type, ISymbol member, out IMethodSymbol? implementation)
    {
        implementation = null;
        if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false, IsAbstract: true, TypeParameters.Length: 0 } wanted
            || type.TypeKind != TypeKind.Class
            || type.BaseType is { SpecialType: not SpecialType.System_Object }
            || HasExplicitMethodImplementations(type)
            || type.BaseType?.GetMembers(wanted.Name).Length > 0)
        {
            return false;
        }

        var sameName = false;
        foreach (var candidate in type.GetMembers(wanted.Name))
        {
            if (candidate is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
            {
                continue;
            }

            sameName = true;
            if (IsExactMatch(method, wanted))
            {
                implementation = method;
                return true;
            }
        }

        // No method of that name (here or on object): nothing implements it (the compiler reports the missing member).
        // Same name but no exact match: the language's looser matching (object/dynamic, tuple names…) decides.
        return !sameName;
    }

    private static bool HasExplicitMethodImplementations(INamedTypeSymbol type)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol { MethodKind: MethodKind.ExplicitInterfaceImplementation })
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsExactMatch(IMethodSymbol candidate, IMethodSymbol wanted)
    {
        if (candidate.IsStatic
            || candidate.DeclaredAccessibility != Accessibility.Public
            || candidate.TypeParameters.Length != 0
            || candidate.Parameters.Length != wanted.Parameters.Length
            || candidate.RefKind != wanted.RefKind
            || !SymbolEqualityComparer.Default.Equals(candidate.ReturnType, wanted.ReturnType))
        {
            return false;
        }

        for (var i = 0; i < wanted.Parameters.Length; i++)
        {
            if (candidate.Parameters[i].RefKind != wanted.Parameters[i].RefKind
                || !SymbolEqualityComparer.Default.Equals(candidate.Parameters[i].Type, wanted.Parameters[i].Type))
            {
                return false;
            }
        }

        return true;
    }
}
