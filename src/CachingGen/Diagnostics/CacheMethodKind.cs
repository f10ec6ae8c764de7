namespace CachingGen.Diagnostics;

/// <summary>What a generated decorator method does with the cache.</summary>
public enum CacheMethodKind
{
    /// <summary>A <see cref="CachedAttribute"/> method: look-ups, hits and misses.</summary>
    Cached,

    /// <summary>An <see cref="InvalidatesAttribute"/> method: removals after success.</summary>
    Invalidating,
}
