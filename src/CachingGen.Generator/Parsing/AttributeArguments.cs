namespace CachingGen.Generator.Parsing;

/// <summary>Reads the arguments of <c>[Cached]</c> and <c>[Invalidates]</c>: the one place that knows their positions and names.</summary>
internal static class AttributeArguments
{
    public static AttributeArgument CachedTtl(AttributeData cached)
        => new(cached, AttributeArgumentNames.CachedTtl, AttributeArgumentNames.CachedTtlPosition);

    public static AttributeArgument CachedKey(AttributeData cached)
        => new(cached, AttributeArgumentNames.CachedKey, AttributeArgumentNames.CachedKeyPosition);

    public static AttributeArgument InvalidatesKey(AttributeData invalidates)
        => new(invalidates, AttributeArgumentNames.InvalidatesKey, AttributeArgumentNames.InvalidatesKeyPosition);

    /// <summary><c>CacheNulls</c>, true unless set to false.</summary>
    public static bool CacheNulls(AttributeData cached) => NamedFlag(cached, AttributeArgumentNames.CacheNulls) ?? true;

    /// <summary><c>SpeculativeLoad</c>, false unless set to true.</summary>
    public static bool SpeculativeLoad(AttributeData cached) => NamedFlag(cached, AttributeArgumentNames.SpeculativeLoad) ?? false;

    private static bool? NamedFlag(AttributeData attribute, string name)
    {
        bool? value = null;
        foreach (var named in attribute.NamedArguments)
        {
            // The last assignment wins, as it did when these were read in one loop.
            if (named.Key == name && named.Value.Kind == TypedConstantKind.Primitive && named.Value.Value is bool flag)
            {
                value = flag;
            }
        }

        return value;
    }
}
