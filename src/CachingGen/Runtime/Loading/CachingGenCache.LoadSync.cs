using CachingGen.Diagnostics;
using CachingGen.Infrastructure;
using CachingGen.Internals.Diagnostics;
using CachingGen.Internals.Loading;

namespace CachingGen;

/// <summary>The synchronous miss path: no load sharing, but marked in the flight table so an invalidation meanwhile is seen.</summary>
public sealed partial class CachingGenCache
{
    /// <summary>The miss path of a synchronous cached method (see <see cref="GetOrLoadAsync{T}"/>; no load sharing).</summary>
    internal T GetOrLoad<T>(string key, CacheMethod method, Func<T> load)
    {
        using var activity = CacheTraces.Start(CachingGenTracing.MissSpan, method, key, _recordKeys);
        try
        {
            return GetOrLoadCore(key, method, load);
        }
        catch (Exception ex)
        {
            CacheTraces.Failed(activity, ex);
            throw;
        }
    }

    private T GetOrLoadCore<T>(string key, CacheMethod method, Func<T> load)
    {
        var counters = _counters.For(method);
        if (InTransaction)
        {
            counters.RecordMiss();
            CacheTraces.Outcome(TraceValues.Bypass, TraceValues.Repository);
            return Load(counters, load);
        }

        // A stale marker for a synchronous load, in the flight table before anything is read: an invalidation meanwhile
        // (of the distributed value too) is seen through it. When another load of the key holds the table's slot, this
        // one cannot be marked, so it stores nothing (the other load does).
        if (InBackoff<T>(key, counters) is { } backoff)
        {
            CacheTraces.Outcome(TraceValues.Stale, TraceValues.Memory);
            return backoff.Value;
        }

        var flight = new SyncFlight();
        var tracked = _flights.TryAdd(key, flight);
        try
        {
            // As for the asynchronous path: a load that stored the value after this caller's look-up makes this a hit.
            if (tracked && TryGetStored<T>(key, out var stored))
            {
                counters.RecordHit();
                CacheTraces.Outcome(TraceValues.Hit, TraceValues.Memory);
                return stored;
            }

            var version = default(string);
            if (_distributed is not null)
            {
                var entry = _distributed.Read<T>(key, counters);
                if (entry.Found)
                {
                    counters.RecordDistributedHit();
                    CacheTraces.Outcome(TraceValues.DistributedHit, TraceValues.Distributed);
                    if (tracked)
                    {
                        StoreLocal(key, counters, entry.Value, entry.RemainingTtl, flight);
                    }

                    return entry.Value;
                }

                version = entry.Version;
            }

            counters.RecordMiss();
            CacheTraces.Outcome(TraceValues.Miss, TraceValues.Repository);
            T value;
            try
            {
                value = Load(counters, load);
            }
            catch (Exception ex) when (FailSafeCopy<T>(key, counters, ex) is { } copy)
            {
                CacheTraces.Outcome(TraceValues.Stale, TraceValues.Memory);
                return copy.Value;
            }

            if (tracked)
            {
                StoreResult(key, counters, value, version, flight);
            }

            return value;
        }
        finally
        {
            if (tracked)
            {
                Finish(key, flight);
            }
        }
    }
}
