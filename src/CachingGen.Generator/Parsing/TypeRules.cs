namespace CachingGen.Generator.Parsing;

/// <summary>Which types make good cached results and good key values, and why the others do not.</summary>
internal static class TypeRules
{
    /// <summary>Why a result of this type cannot be cached at all, or null when it can.</summary>
    public static string? UncacheableResultReason(ITypeSymbol type)
    {
        // One pass over the interfaces (this runs for every cached method), then the rules in order. The rules
        // look at interface definitions only, so the definition's interfaces do: a constructed type's own list
        // (IReadOnlyList<Row> → IEnumerable<Row>, …) is substituted anew for every type argument.
        bool asyncEnumerable = false, queryable = false, enumerable = false, collection = false;
        Check(type.OriginalDefinition);
        foreach (var @interface in type.OriginalDefinition.AllInterfaces)
        {
            Check(@interface.OriginalDefinition);
        }

        if (asyncEnumerable)
        {
            return "an IAsyncEnumerable<T> is produced while it is enumerated, so there is no value to store; materialize it and return IReadOnlyList<T>";
        }

        if (queryable)
        {
            return "an IQueryable<T> is a query that runs each time it is enumerated; run it and return IReadOnlyList<T>";
        }

        if (InheritsFromStream(type))
        {
            return "a Stream can be read once and holds a position; return the bytes (ReadOnlyMemory<byte>) or the parsed value";
        }

        if (type.TypeKind == TypeKind.Interface && enumerable && !collection)
        {
            return $"'{type.ToDisplayString(SymbolFormats.Short)}' may be lazily evaluated (an iterator or a LINQ query) and would run again for every caller of the cached entry; return IReadOnlyList<T>";
        }

        if (type.TypeKind == TypeKind.Delegate)
        {
            return "a delegate is code, not data";
        }

        return null;

        void Check(ITypeSymbol candidate)
        {
            asyncEnumerable |= TypeNames.Is(candidate, "System.Collections.Generic", "IAsyncEnumerable`1");
            queryable |= TypeNames.Is(candidate, "System.Linq", "IQueryable");
            enumerable |= TypeNames.Is(candidate, "System.Collections", "IEnumerable");
            collection |= TypeNames.Is(candidate, "System.Collections.Generic", "IReadOnlyCollection`1")
                || TypeNames.Is(candidate, "System.Collections.Generic", "ICollection`1")
                || TypeNames.Is(candidate, "System.Collections", "ICollection");
        }
    }

    /// <summary>
    /// The read-only type to suggest when a cached result is a mutable collection every caller would share,
    /// or null when the type is fine.
    /// </summary>
    public static string? ReadOnlyAlternative(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            return $"IReadOnlyList<{array.ElementType.ToDisplayString(SymbolFormats.Short)}>";
        }

        if (type is not INamedTypeSymbol { IsGenericType: true } named)
        {
            return null;
        }

        // Recognised by name: formatting each result type to compare display strings was most of this check.
        var definition = named.OriginalDefinition;
        var readOnly = IsMutableList(definition) ? "IReadOnlyList"
            : TypeNames.IsAny(definition, "System.Collections.Generic", "Dictionary`2", "IDictionary`2", "SortedDictionary`2") ? "IReadOnlyDictionary"
            : TypeNames.IsAny(definition, "System.Collections.Generic", "HashSet`1", "ISet`1", "SortedSet`1") ? "IReadOnlySet"
            : null;
        if (readOnly is not null)
        {
            return $"{readOnly}<{string.Join(", ", named.TypeArguments.Select(t => t.ToDisplayString(SymbolFormats.Short)))}>";
        }

        // Other mutable collections from the framework's generic collections namespace.
        return named.TypeKind == TypeKind.Class && TypeNames.IsIn(named, "System.Collections.Generic")
            && (IsOrImplements(named, "System.Collections.Generic", "ICollection`1") || IsOrImplements(named, "System.Collections", "ICollection"))
            ? $"IReadOnlyCollection<{named.TypeArguments[0].ToDisplayString(SymbolFormats.Short)}>"
            : null;
    }

    /// <summary>
    /// The first public member through which a cached result of this class can be changed in place (a public
    /// setter that is not <c>init</c>, or a public non-readonly field), or null. Collections are left to
    /// <see cref="ReadOnlyAlternative"/>; strings, value types and records or classes without such members are fine.
    /// </summary>
    public static string? FirstSettableMember(ITypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class || type.SpecialType == SpecialType.System_String || IsOrImplements(type, "System.Collections", "IEnumerable"))
        {
            return null;
        }

        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member.IsStatic || member.DeclaredAccessibility != Accessibility.Public)
                {
                    continue;
                }

                if (member is IPropertySymbol { SetMethod: { DeclaredAccessibility: Accessibility.Public, IsInitOnly: false } }
                    || member is IFieldSymbol { IsReadOnly: false, IsConst: false, IsImplicitlyDeclared: false })
                {
                    return member.Name;
                }
            }
        }

        return null;
    }

    private static bool IsMutableList(ITypeSymbol definition)
        => definition is INamedTypeSymbol { Arity: 1, ContainingType: null }
            && ReadOnlyListRule.NamespaceOf(definition.Name) is { } ns
            && TypeNames.IsIn(definition, ns);

    /// <summary>
    /// Why values of this type do not turn into stable key text (so that different values share one entry), or
    /// null when they do. Only asked for types the key builder formats through ToString().
    /// </summary>
    public static string? UnstableTextReason(ITypeSymbol type)
    {
        switch (type.TypeKind)
        {
            case TypeKind.Array:
                return "an array's text is its type name, not its items";
            case TypeKind.Delegate:
                return "a delegate's text is its type name";
            case TypeKind.Interface when IsOrImplements(type, "System.Collections", "IEnumerable"):
                // Before the interface rule: "depends on the implementing type" hides that a collection never has item text.
                return "a collection's text is its type name, not its items";
            case TypeKind.Interface:
            case TypeKind.TypeParameter:
                return "its text depends on whichever type implements it at run time";
            case TypeKind.Error:
                return null;
        }

        if (type.SpecialType == SpecialType.System_Object)
        {
            return "its text depends on the value's run-time type";
        }

        if (IsOrImplements(type, "System", "IFormattable"))
        {
            return null;
        }

        if (IsOrImplements(type, "System.Collections", "IEnumerable"))
        {
            return "a collection's text is its type name, not its items";
        }

        if (type.IsRecord || OverridesToString(type))
        {
            return null;
        }

        return "it does not override ToString(), so every value's text is the type name";
    }

    /// <summary>A <c>CancellationToken</c> is never part of a key; the decorator passes it through.</summary>
    public static bool IsCancellationToken(ITypeSymbol type) => TypeNames.Is(type, "System.Threading", "CancellationToken");

    private static bool OverridesToString(ITypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.SpecialType is SpecialType.System_Object or SpecialType.System_ValueType or SpecialType.System_Enum)
            {
                return false;
            }

            foreach (var member in current.GetMembers("ToString"))
            {
                if (member is IMethodSymbol { IsOverride: true, Parameters.Length: 0 })
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsOrImplements(ITypeSymbol type, string ns, string metadataName)
    {
        if (TypeNames.Is(type.OriginalDefinition, ns, metadataName))
        {
            return true;
        }

        foreach (var @interface in type.OriginalDefinition.AllInterfaces)
        {
            if (TypeNames.Is(@interface.OriginalDefinition, ns, metadataName))
            {
                return true;
            }
        }

        return false;
    }

    private static bool InheritsFromStream(ITypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (TypeNames.Is(current, "System.IO", "Stream"))
            {
                return true;
            }
        }

        return false;
    }
}
