using Microsoft.CodeAnalysis;

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
        if (type is null || type.MetadataName != metadataName || type.ContainingType is not null)
        {
            return false;
        }

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
