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
    private INamedTypeSymbol? _cachedAttribute;
    private INamedTypeSymbol? _invalidatesAttribute;
    private bool _resolved;

    private KnownTypes(Compilation compilation) => _compilation = compilation;

    /// <summary>The attribute's symbol, when the compilation references CachingGen (looked up on first use).</summary>
    public INamedTypeSymbol? CachedAttribute
    {
        get
        {
            Resolve();
            return _cachedAttribute;
        }
    }

    /// <summary>The attribute's symbol, when the compilation references CachingGen (looked up on first use).</summary>
    public INamedTypeSymbol? InvalidatesAttribute
    {
        get
        {
            Resolve();
            return _invalidatesAttribute;
        }
    }

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

    // Racing threads may both look up; they find the same symbols.
    private void Resolve()
    {
        if (_resolved)
        {
            return;
        }

        _cachedAttribute = _compilation.GetTypeByMetadataName(CachedAttributeName);
        _invalidatesAttribute = _compilation.GetTypeByMetadataName(InvalidatesAttributeName);
        _resolved = true;
    }
}
