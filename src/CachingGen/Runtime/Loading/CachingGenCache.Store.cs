using CachingGen.Internals.Diagnostics;
using CachingGen.Internals.Loading;

namespace CachingGen;

/// <summary>Storing what a load returned: in process (unless an invalidation marked the load stale), then in the distributed level.</summary>
public sealed partial class CachingGenCache
{
    private void StoreResult<T>(string key, MethodCounters counters, T value, string? version, Flight flight)
    {
        if (flight.IsStale || (value is null && !counters.Method.CacheNulls))
        {
            return;
        }

        var ttl = counters.Method.Ttl;
        if (counters.Method.Policy is { } policy && !Admit(key, counters, policy, value, ref ttl))
        {
            return;
        }

        StoreLocal(key, counters, value, ttl, flight, fresh: true);
        if (_distributed is not null && version is not null)
        {
            // Off the caller's path: the miss returns as soon as the repository did.
            _distributed.Write(key, counters, value, ttl, version);
        }
    }

    /// <summary>
    /// Stores a value <paramref name="flight"/> loaded, unless an invalidation marked it stale. The check is made again
    /// after storing: an invalidation that ran between the first check and the store (its removal came first) would
    /// otherwise leave the old value behind; removing it then costs at most one extra miss. <paramref name="ttl"/> is what
    /// the value has left in the cache as a whole (a distributed hit's remaining time); the policies shape the local entry.
    /// <paramref name="fresh"/>: the value was just loaded, so <paramref name="ttl"/> is its whole lifetime.
    /// </summary>
    private void StoreLocal<T>(string key, MethodCounters counters, T value, TimeSpan ttl, Flight flight, bool fresh = false)
    {
        if (!_useLocal || ttl <= TimeSpan.Zero || flight.IsStale || (value is null && !counters.Method.CacheNulls))
        {
            return;
        }

        try
        {
            if (counters.Method.Policy is { } policy)
            {
                SetWithPolicy(key, counters.Method, policy, value, ttl, fresh);
            }
            else
            {
                _store.Set(key, value, ttl);
            }

            if (flight.IsStale)
            {
                _store.Remove(key);
            }
        }
        catch (Exception ex)
        {
            _faults.Method(ex, counters, "write", key);
        }
    }
}
