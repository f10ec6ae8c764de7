using Microsoft.CodeAnalysis;

namespace CachingGen.Generator.Parsing;

/// <summary>The well-known types the parser compares against, looked up once per compilation.</summary>
internal sealed class KnownTypes
{
    public const string CachedAttributeName = "CachingGen.CachedAttribute";
    public const string InvalidatesAttributeName = "CachingGen.InvalidatesAttribute";

    private KnownTypes(Compilation compilation)
    {
        CachedAttribute = compilation.GetTypeByMetadataName(CachedAttributeName);
        InvalidatesAttribute = compilation.GetTypeByMetadataName(InvalidatesAttributeName);
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        SpanFormattable = compilation.GetTypeByMetadataName("System.ISpanFormattable");
        DateTime = compilation.GetTypeByMetadataName("System.DateTime");
        DateTimeOffset = compilation.GetTypeByMetadataName("System.DateTimeOffset");
        TimeSpan = compilation.GetTypeByMetadataName("System.TimeSpan");
        Guid = compilation.GetTypeByMetadataName("System.Guid");
        Formattable = compilation.GetTypeByMetadataName("System.IFormattable");
        Enumerable = compilation.GetTypeByMetadataName("System.Collections.IEnumerable");
        EnumerableOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.IEnumerable`1");
        AsyncEnumerableOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.IAsyncEnumerable`1");
        Queryable = compilation.GetTypeByMetadataName("System.Linq.IQueryable");
        Stream = compilation.GetTypeByMetadataName("System.IO.Stream");
        ListOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
        ReadOnlyCollectionOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyCollection`1");
        CollectionOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.ICollection`1");
        Collection = compilation.GetTypeByMetadataName("System.Collections.ICollection");
    }

    public INamedTypeSymbol? CachedAttribute { get; }

    public INamedTypeSymbol? InvalidatesAttribute { get; }

    public INamedTypeSymbol? CancellationToken { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? TaskOfT { get; }

    public INamedTypeSymbol? ValueTask { get; }

    public INamedTypeSymbol? ValueTaskOfT { get; }

    public INamedTypeSymbol? SpanFormattable { get; }

    public INamedTypeSymbol? DateTime { get; }

    public INamedTypeSymbol? DateTimeOffset { get; }

    public INamedTypeSymbol? TimeSpan { get; }

    public INamedTypeSymbol? Guid { get; }

    public INamedTypeSymbol? Formattable { get; }

    public INamedTypeSymbol? Enumerable { get; }

    public INamedTypeSymbol? EnumerableOfT { get; }

    public INamedTypeSymbol? AsyncEnumerableOfT { get; }

    public INamedTypeSymbol? Queryable { get; }

    public INamedTypeSymbol? Stream { get; }

    public INamedTypeSymbol? ListOfT { get; }

    public INamedTypeSymbol? ReadOnlyCollectionOfT { get; }

    public INamedTypeSymbol? CollectionOfT { get; }

    public INamedTypeSymbol? Collection { get; }

    // One instance per compilation, shared by every transform of it; weakly held, so it dies with the compilation.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, KnownTypes> s_byCompilation = new();

    public static KnownTypes Create(Compilation compilation) => new(compilation);

    /// <summary>The known types of <paramref name="compilation"/>, looked up once for all the methods in it.</summary>
    public static KnownTypes For(Compilation compilation) => s_byCompilation.GetValue(compilation, static c => new KnownTypes(c));

    public bool IsCached(AttributeData attribute) => SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, CachedAttribute);

    public bool IsInvalidates(AttributeData attribute) => SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, InvalidatesAttribute);

    public bool IsAnnotated(ISymbol symbol)
    {
        if (CachedAttribute is null && InvalidatesAttribute is null)
        {
            return false;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            if (IsCached(attribute) || IsInvalidates(attribute))
            {
                return true;
            }
        }

        return false;
    }
}
