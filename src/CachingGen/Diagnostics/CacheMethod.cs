using System;
using System.ComponentModel;
using System.Threading;

namespace CachingGen.Diagnostics;

/// <summary>
/// One annotated repository method: its policy and its counters. The generator emits one static instance
/// per method, so counting a hit is a single interlocked increment on a field, with no look-up.
/// </summary>
public sealed class CacheMethod
{
    private long _hits;
    private long _distributedHits;
    private long _misses;
    private long _errors;
    private long _invalidations;
    private long _lastErrorLog = long.MinValue;
    private long _suppressedErrorLogs;

    private CacheMethod(CacheMethodKind kind, string method, string keyTemplate, TimeSpan ttl, bool cacheNulls)
    {
        Kind = kind;
        Method = method;
        KeyTemplate = keyTemplate;
        Ttl = ttl;
        CacheNulls = cacheNulls;
        CacheStatistics.Register(this);
    }

    /// <summary>Whether the method caches or invalidates.</summary>
    public CacheMethodKind Kind { get; }

    /// <summary>Repository method, as <c>Namespace.Class.Method</c>.</summary>
    public string Method { get; }

    /// <summary>Key template; for an invalidating method, its templates joined with <c>", "</c>.</summary>
    public string KeyTemplate { get; }

    /// <summary>Time to live of cached results (zero for an invalidating method).</summary>
    public TimeSpan Ttl { get; }

    /// <summary>Whether <see langword="null"/> results are stored.</summary>
    public bool CacheNulls { get; }

    /// <summary>Whether a miss starts the repository call alongside the distributed look-up (<see cref="CachedAttribute.SpeculativeLoad"/>).</summary>
    public bool SpeculativeLoad { get; private set; }

    /// <summary>Look-ups answered from the cache, by either level.</summary>
    public long Hits => Volatile.Read(ref _hits);

    /// <summary>The part of <see cref="Hits"/> answered by the distributed level (an in-process miss).</summary>
    public long DistributedHits => Volatile.Read(ref _distributedHits);

    /// <summary>Look-ups that found nothing in the cache (the caller waited for the repository, or for another caller's call of it).</summary>
    public long Misses => Volatile.Read(ref _misses);

    /// <summary>Cache store faults hidden from the caller.</summary>
    public long Errors => Volatile.Read(ref _errors);

    /// <summary>Keys removed after a successful invalidating call.</summary>
    public long Invalidations => Volatile.Read(ref _invalidations);

    /// <summary>Describes a <see cref="CachedAttribute"/> method. Called by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static CacheMethod ForCached(string method, string keyTemplate, TimeSpan ttl, bool cacheNulls)
        => new(CacheMethodKind.Cached, method, keyTemplate, ttl, cacheNulls);

    /// <summary>Describes an <see cref="InvalidatesAttribute"/> method. Called by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static CacheMethod ForInvalidating(string method, string keyTemplates)
        => new(CacheMethodKind.Invalidating, method, keyTemplates, TimeSpan.Zero, cacheNulls: false);

    /// <summary>
    /// Declares that this invalidating method removes keys by the prefix shape (<paramref name="head"/>,
    /// <paramref name="depth"/>), so distributed levels index keys under such prefixes. Called by generated code.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public CacheMethod WithPrefix(string head, int depth)
    {
        CachingGen.Distributed.PrefixShapes.Register(head, depth);
        return this;
    }

    /// <summary>Turns on <see cref="SpeculativeLoad"/>. Called by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public CacheMethod WithSpeculativeLoad()
    {
        SpeculativeLoad = true;
        return this;
    }

    /// <summary>Counts a hit.</summary>
    public void RecordHit() => Interlocked.Increment(ref _hits);

    /// <summary>Counts a hit answered by the distributed level.</summary>
    public void RecordDistributedHit()
    {
        Interlocked.Increment(ref _distributedHits);
        Interlocked.Increment(ref _hits);
    }

    /// <summary>Counts a miss.</summary>
    public void RecordMiss() => Interlocked.Increment(ref _misses);

    /// <summary>Counts a store fault.</summary>
    public void RecordError() => Interlocked.Increment(ref _errors);

    /// <summary>Counts a key removed by invalidation.</summary>
    public void RecordInvalidation() => Interlocked.Increment(ref _invalidations);

    /// <summary>A consistent-enough copy of the counters.</summary>
    public CacheMethodStatistics GetStatistics()
        => new(Method, KeyTemplate, Kind, Hits, Misses, Errors, Invalidations, DistributedHits);

    /// <summary>
    /// Whether a fault may be logged now: at most one log line per method every <paramref name="intervalMilliseconds"/>,
    /// so a store outage under load does not flood the logs. Returns how many were held back since the last one.
    /// </summary>
    internal bool TryTakeErrorLogSlot(long nowMilliseconds, long intervalMilliseconds, out long suppressed)
    {
        var last = Volatile.Read(ref _lastErrorLog);
        if (last != long.MinValue && nowMilliseconds - last < intervalMilliseconds)
        {
            Interlocked.Increment(ref _suppressedErrorLogs);
            suppressed = 0;
            return false;
        }

        if (Interlocked.CompareExchange(ref _lastErrorLog, nowMilliseconds, last) != last)
        {
            Interlocked.Increment(ref _suppressedErrorLogs);
            suppressed = 0;
            return false;
        }

        suppressed = Interlocked.Exchange(ref _suppressedErrorLogs, 0);
        return true;
    }
}
