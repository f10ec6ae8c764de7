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

    public static KnownTypes Create(Compilation compilation) => new(compilation);

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
