namespace CachingGen.Generator.Parsing;

/// <summary>
/// Recognises well-known types by name instead of by looking them up in the compilation: a look-up by
/// metadata name searches every referenced assembly, which on a fresh compilation is the most expensive
/// thing the generator would do.
/// </summary>
internal static class TypeNames
{
    /// <summary>Whether <paramref name="type"/> (its definition, for a generic) is <paramref name="ns"/>.<paramref name="metadataName"/>.</summary>
    public static bool Is(ITypeSymbol? type, string ns, string metadataName)
    {
        return type is not null && type.MetadataName == metadataName && type.ContainingType is null && IsIn(type, ns);
    }

    /// <summary>Whether <paramref name="type"/> is <paramref name="ns"/>.<paramref name="first"/>, or one of the other names given.</summary>
    public static bool IsAny(ITypeSymbol? type, string ns, string first, string second, string third)
        => type is not null
            && (type.MetadataName == first || type.MetadataName == second || type.MetadataName == third)
            && type.ContainingType is null
            && IsIn(type, ns);

    /// <summary>Whether <paramref name="type"/> is declared directly in namespace <paramref name="ns"/> (dotted).</summary>
    public static bool IsIn(ITypeSymbol type, string ns)
    {
        // Walk the namespaces from the innermost outwards against the dotted name from its end.
        var end = ns.Length;
        for (var current = type.ContainingNamespace; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
        {
            var name = current.Name;
            var start = end - name.Length;
            if (start < 0 || string.CompareOrdinal(ns, start, name, 0, name.Length) != 0)
            {
                return false;
            }

            end = start - 1;
            if (end < -1 || (end >= 0 && ns[end] != '.'))
            {
                return false;
            }
        }

        return end == -1;
    }
}
