using CachingGen.Distributed;
using CachingGen.Infrastructure;
using CachingGen.Internals.Diagnostics;
using CachingGen.Internals.Loading;

namespace CachingGen;

/// <summary>One load per cluster: a key's load lock in the distributed level, so one instance calls the repository.</summary>
public sealed partial class CachingGenCache
{
    private static readonly TimeSpan FirstClusterPoll = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestClusterPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// One load per key across instances: takes the key's lock in the distributed level and loads, storing the value there
    /// before releasing the lock; or, while another instance holds it, reads the level until that value appears. Loads here
    /// when the wait runs out or the level stops answering. Returns a distributed hit, or the loaded value and whether this
    /// instance, holding the lock, already stored it (or chose not to: <c>Unless</c>) in both levels.
    /// </summary>
    private async Task<(DistributedEntry<T> Stored, T Loaded, bool StoredByHolder)> LoadOnceInClusterAsync<T>(
        string key, MethodCounters counters, CachePolicy policy, IDistributedLoadLock locks, Func<CancellationToken, ValueTask<T>> load, Flight<T> flight, string version)
    {
        var deadline = Later(policy.ClusterLoadWait);
        var pause = FirstClusterPoll;
        while (true)
        {
            string? token;
            try
            {
                token = await locks.TryAcquireLoadLockAsync(key, policy.ClusterLoadWait).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _faults.Method(ex, counters, "cluster load lock", key);
                break;
            }

            if (token is not null)
            {
                return await LoadHoldingLockAsync(key, counters, locks, token, load, flight, version).ConfigureAwait(false);
            }

            var entry = await _distributed!.ReadAsync<T>(key, counters).ConfigureAwait(false);
            if (entry.Found)
            {
                return (entry, default!, false);
            }

            var left = _time.GetElapsedTime(_time.GetTimestamp(), deadline);
            if (entry.Version is null || left <= TimeSpan.Zero)
            {
                break;
            }

            await Task.Delay(pause < left ? pause : left, _time).ConfigureAwait(false);
            pause = pause * 2 < LongestClusterPoll ? pause * 2 : LongestClusterPoll;
        }

        return (default, await Load(counters, load, flight.LoadToken).ConfigureAwait(false), false);
    }

    private async Task<(DistributedEntry<T> Stored, T Loaded, bool StoredByHolder)> LoadHoldingLockAsync<T>(
        string key, MethodCounters counters, IDistributedLoadLock locks, string token, Func<CancellationToken, ValueTask<T>> load, Flight<T> flight, string version)
    {
        try
        {
            // The previous holder may have stored the value between this instance's read and its lock.
            var again = await _distributed!.ReadAsync<T>(key, counters).ConfigureAwait(false);
            if (again.Found)
            {
                return (again, default!, false);
            }

            var value = await Load(counters, load, flight.LoadToken).ConfigureAwait(false);
            var ttl = counters.Method.Ttl;
            if (!flight.IsStale && (value is not null || counters.Method.CacheNulls) && Admit(key, counters, counters.Method.Policy!, value, ref ttl))
            {
                // Stored before the lock is released, so the instances waiting read it; one TTL for both levels.
                await _distributed.WriteNowAsync(key, counters, value, ttl, again.Version ?? version).ConfigureAwait(false);
                StoreLocal(key, counters, value, ttl, flight, fresh: true);
            }

            return (default, value, true);
        }
        finally
        {
            try
            {
                await locks.ReleaseLoadLockAsync(key, token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // It expires by itself; until then the other instances wait for the value, then find it stored.
                _faults.Method(ex, counters, "cluster load unlock", key);
            }
        }
    }
}
