namespace CachingGen.Diagnostics;

/// <summary>Counters of one annotated method at one moment.</summary>
/// <param name="Method">Repository method, as <c>Namespace.Class.Method</c>.</param>
/// <param name="KeyTemplate">Its key template (templates, for an invalidating method).</param>
/// <param name="Kind">Whether it caches or invalidates.</param>
/// <param name="Hits">Look-ups answered from the cache.</param>
/// <param name="Misses">Look-ups that found no fresh value: they called the repository, joined a call of it, or were answered by a fail-safe copy (<paramref name="Stale"/>).</param>
/// <param name="Errors">Cache store faults hidden from the caller.</param>
/// <param name="Invalidations">Invalidations applied after successful calls: one per template per call (a key, or a prefix).</param>
/// <param name="DistributedHits">The part of <paramref name="Hits"/> answered by the distributed level.</param>
/// <param name="Stale">
/// The part of <paramref name="Misses"/> answered with a fail-safe copy past its TTL, because the repository failed,
/// timed out, or was in its back-off after a failure (<see cref="CachedAttribute.FailSafe"/>).
/// </param>
/// <param name="Loads">Repository calls the cache made for the method (misses that loaded, and refresh-ahead reloads).</param>
/// <param name="LoadTime">The time those calls took in all: <see cref="AverageLoadTime"/> is what a miss costs the caller.</param>
/// <param name="Refreshes">Background reloads started by refresh-ahead (<see cref="CachedAttribute.RefreshAhead"/>); not look-ups.</param>
public sealed record CacheMethodStatistics(
    string Method,
    string KeyTemplate,
    CacheMethodKind Kind,
    long Hits,
    long Misses,
    long Errors,
    long Invalidations,
    long DistributedHits = 0,
    long Stale = 0,
    long Refreshes = 0,
    long Loads = 0,
    TimeSpan LoadTime = default)
{
    /// <summary>Hits over look-ups, from 0 to 1; 0 before the first look-up.</summary>
    public double HitRatio => Hits + Misses == 0 ? 0 : (double)Hits / (Hits + Misses);

    /// <summary>The mean time of a repository call the cache made; zero before the first.</summary>
    public TimeSpan AverageLoadTime => Loads == 0 ? TimeSpan.Zero : LoadTime / Loads;
}
