namespace CachingGen.Generator.Parsing;

/// <summary>
/// CachingGen's attributes: their metadata names, and how the generator and the analyzer recognise them. By name,
/// like other well-known types (<see cref="TypeNames"/>): looking types up in a fresh compilation is what a generator
/// should do least.
/// </summary>
internal static class AttributeNames
{
    public const string Cached = "CachingGen.CachedAttribute";
    public const string Invalidates = "CachingGen.InvalidatesAttribute";

    public static bool IsCached(AttributeData attribute) => TypeNames.Is(attribute.AttributeClass, "CachingGen", "CachedAttribute");

    public static bool IsInvalidates(AttributeData attribute) => TypeNames.Is(attribute.AttributeClass, "CachingGen", "InvalidatesAttribute");

    /// <summary>Whether <paramref name="symbol"/> carries <c>[Cached]</c> or <c>[Invalidates]</c>.</summary>
    public static bool IsAnnotated(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (IsCached(attribute) || IsInvalidates(attribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="symbol"/> carries <c>[Cached]</c>.</summary>
    public static bool HasCached(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (IsCached(attribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The attributes <paramref name="symbol"/> carries, as a message names them: <c>[Cached]</c>, <c>[Invalidates]</c> or both.</summary>
    public static string Describe(ISymbol symbol)
    {
        bool cached = false, invalidates = false;
        foreach (var attribute in symbol.GetAttributes())
        {
            cached |= IsCached(attribute);
            invalidates |= IsInvalidates(attribute);
        }

        return cached && invalidates ? "[Cached] and [Invalidates]" : invalidates ? "[Invalidates]" : "[Cached]";
    }

    /// <summary>
    /// Whether <paramref name="compilation"/> can use CachingGen's attributes. A reference check first: looking a type
    /// up in a compilation that has just received generated files makes the caller pay for merging every declaration,
    /// work the compiler does anyway right after (it was half of the analyzer's time in a cold build).
    /// </summary>
    public static bool MayBeUsed(Compilation compilation)
    {
        foreach (var assembly in compilation.ReferencedAssemblyNames)
        {
            if (assembly.Name == "CachingGen")
            {
                return true;
            }
        }

        // Declared in source (CachingGen's own runtime, or a test compilation).
        return compilation.GetTypeByMetadataName(Cached) is not null
            || compilation.GetTypeByMetadataName(Invalidates) is not null;
    }
}
