namespace CachingGen.Generator.Parsing;

/// <summary>
/// Which method of a class runs when an interface method is called through the interface, and the questions
/// built on it: is an annotated method reachable through an interface, which interfaces must the decorator implement.
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
    /// <summary>
    /// The method of <paramref name="type"/> that runs when <paramref name="member"/> is called through the interface.
    /// Roslyn names the base class's virtual method when the interface is implemented there; a call dispatches to
    /// the most derived override, which is the one whose attributes count.
    /// </summary>
    public static IMethodSymbol? Find(INamedTypeSymbol type, ISymbol member)
    {
        if (Declared(type, member) is not { } implementation)
        {
            return null;
        }

        if (!implementation.IsVirtual && !implementation.IsOverride && !implementation.IsAbstract)
        {
            return implementation;
        }

        for (var current = type; current is not null && !SymbolEqualityComparer.Default.Equals(current, implementation.ContainingType); current = current.BaseType)
        {
            foreach (var candidate in current.GetMembers(implementation.Name))
            {
                for (var overridden = (candidate as IMethodSymbol)?.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
                {
                    if (SymbolEqualityComparer.Default.Equals(overridden, implementation))
                    {
                        return (IMethodSymbol)candidate;
                    }
                }
            }
        }

        return implementation;
    }

    /// <summary>Whether calling some interface method of its class runs <paramref name="method"/>.</summary>
    public static bool ImplementsInterfaceMember(IMethodSymbol method)
    {
        var type = method.ContainingType;
        foreach (var @interface in type.AllInterfaces)
        {
            foreach (var member in @interface.GetMembers())
            {
                if (member is IMethodSymbol && SymbolEqualityComparer.Default.Equals(Find(type, member), method))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Interfaces declaring a member implemented by an annotated method, with their base interfaces, in the class's order.</summary>
    public static List<INamedTypeSymbol> RelevantInterfaces(INamedTypeSymbol type)
    {
        var relevant = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var @interface in type.AllInterfaces)
        {
            foreach (var member in @interface.GetMembers())
            {
                if (member is IMethodSymbol && Find(type, member) is { } implementation && AttributeNames.IsAnnotated(implementation))
                {
                    relevant.Add(@interface);
                    foreach (var baseInterface in @interface.AllInterfaces)
                    {
                        relevant.Add(baseInterface);
                    }

                    break;
                }
            }
        }

        return type.AllInterfaces.Where(relevant.Contains).ToList();
    }

    /// <summary>The implementation Roslyn's interface map names (possibly a base class's virtual method).</summary>
    private static IMethodSymbol? Declared(INamedTypeSymbol type, ISymbol member)
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
