namespace CachingGen.Generator.Parsing;

/// <summary>
/// The parameters of CachingGen's attribute constructors and their named properties, as the runtime declares them.
/// Shared as source with the code-fix assembly, so nothing reads an attribute argument by a magic index.
/// </summary>
internal static class AttributeArgumentNames
{
    /// <summary><c>[Cached(ttl, key)]</c>: the time to live.</summary>
    public const string CachedTtl = "ttl";

    public const int CachedTtlPosition = 0;

    /// <summary><c>[Cached(ttl, key)]</c>: the key template.</summary>
    public const string CachedKey = "key";

    public const int CachedKeyPosition = 1;

    /// <summary><c>[Invalidates(key)]</c>: the template of the keys to remove.</summary>
    public const string InvalidatesKey = "key";

    public const int InvalidatesKeyPosition = 0;

    /// <summary><c>[Cached(..., CacheNulls = false)]</c>.</summary>
    public const string CacheNulls = nameof(CacheNulls);

    /// <summary><c>[Cached(..., SpeculativeLoad = true)]</c>.</summary>
    public const string SpeculativeLoad = nameof(SpeculativeLoad);

    /// <summary><c>[Cached(..., FailSafe = "1h")]</c> and the other policy properties, in the order the analyzer checks them.</summary>
    public const string FailSafe = nameof(FailSafe);

    public const string FailSafeBackoff = nameof(FailSafeBackoff);

    public const string SoftTimeout = nameof(SoftTimeout);

    public const string HardTimeout = nameof(HardTimeout);

    public const string RefreshAhead = nameof(RefreshAhead);

    public const string Jitter = nameof(Jitter);

    public const string LocalTtl = nameof(LocalTtl);

    public const string ClusterSingleLoad = nameof(ClusterSingleLoad);

    public const string ClusterLoadWait = nameof(ClusterLoadWait);

    public const string Unless = nameof(Unless);

    public const string TtlFrom = nameof(TtlFrom);
}
