namespace CachingGen.Internals.Diagnostics;

/// <summary>
/// The values of the <c>cachinggen.outcome</c> and <c>cachinggen.level</c> span tags (and the load-duration metric's
/// <c>outcome</c>), named once: dashboards and alerts match on these strings, so a typo at one call site would split a
/// series in silence. README lists them.
/// </summary>
internal static class TraceValues
{
    /// <summary>Answered from the in-process level.</summary>
    public const string Hit = "hit";

    /// <summary>Loaded from the repository.</summary>
    public const string Miss = "miss";

    /// <summary>Answered from the distributed level (or, on a distributed read span, found there).</summary>
    public const string DistributedHit = "distributed_hit";

    /// <summary>Joined a load already in flight for the same key.</summary>
    public const string Joined = "joined";

    /// <summary>An expired value served by fail-safe or a soft timeout.</summary>
    public const string Stale = "stale";

    /// <summary>The cache was bypassed (disabled, or inside a transaction that wrote the key).</summary>
    public const string Bypass = "bypass";

    /// <summary>The call failed.</summary>
    public const string Error = "error";

    /// <summary>A load completed (load-duration metric).</summary>
    public const string Success = "success";

    /// <summary>A distributed write was stored.</summary>
    public const string Stored = "stored";

    /// <summary>A distributed write was refused (a newer version or an invalidation won).</summary>
    public const string Refused = "refused";

    /// <summary>A distributed read found nothing.</summary>
    public const string NotFound = "miss";

    /// <summary>The distributed level could not be reached.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>Level: the in-process store.</summary>
    public const string Memory = "memory";

    /// <summary>Level: the distributed store.</summary>
    public const string Distributed = "distributed";

    /// <summary>Level: the repository method itself.</summary>
    public const string Repository = "repository";
}
