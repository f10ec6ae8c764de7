using Microsoft.CodeAnalysis;

namespace CachingGen.Generator.Parsing;

/// <summary>
/// CachingGen's attribute types as the parser recognises them. Other well-known types are recognised by name
/// (<see cref="TypeNames"/>): looking types up in a fresh compilation is what a generator should do least.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Instance members keep one seam for the parser, whatever each needs today.")]
internal sealed class KnownTypes
{
    public const string CachedAttributeName = "CachingGen.CachedAttribute";
    public const string InvalidatesAttributeName = "CachingGen.InvalidatesAttribute";

    // One instance per compilation, shared by every transform of it; weakly held, so it dies with the compilation.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, KnownTypes> s_byCompilation = new();

    private readonly Compilation _compilation;

    private KnownTypes(Compilation compilation) => _compilation = compilation;

    public static KnownTypes Create(Compilation compilation) => new(compilation);

    /// <summary>The known types of <paramref name="compilation"/>, shared by all the methods in it.</summary>
    public static KnownTypes For(Compilation compilation) => s_byCompilation.GetValue(compilation, static c => new KnownTypes(c));

    public bool IsCached(AttributeData attribute) => TypeNames.Is(attribute.AttributeClass, "CachingGen", "CachedAttribute");

    public bool IsInvalidates(AttributeData attribute) => TypeNames.Is(attribute.AttributeClass, "CachingGen", "InvalidatesAttribute");

    public bool IsAnnotated(ISymbol symbol)
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

    /// <summary>
    /// Whether the compilation can use CachingGen's attributes. A reference check first: looking a type up in a
    /// compilation that has just received generated files makes the caller pay for merging every declaration,
    /// work the compiler does anyway right after (it was half of the analyzer's time in a cold build).
    /// </summary>
    public bool MayBeUsed()
    {
        foreach (var assembly in _compilation.ReferencedAssemblyNames)
        {
            if (assembly.Name == "CachingGen")
            {
                return true;
            }
        }

        // Declared in source (CachingGen's own runtime, or a test compilation).
        return _compilation.GetTypeByMetadataName(CachedAttributeName) is not null
            || _compilation.GetTypeByMetadataName(InvalidatesAttributeName) is not null;
    }
}
