using System;
using System.Threading;
using System.Threading.Tasks;
using CachingGen.Distributed;
using CachingGen.Internals.Diagnostics;
using CachingGen.Internals.Keys;

namespace CachingGen.Internals.Distributed;

/// <summary>
/// Everything the cache asks of the distributed level and the backplane, with their faults turned into counted,
/// logged misses: reads (distrusting keys with a pending invalidation), queued writes off the caller's path, and
/// invalidations that are remembered and replayed when the level was down.
/// </summary>
internal sealed class DistributedAccess
{
    private readonly IDistributedCacheLevel _level;
    private readonly ICacheBackplane? _backplane;
    private readonly FaultReporter _faults;
    private readonly DistributedWriteQueue _writes = new();

    public DistributedAccess(IDistributedCacheLevel level, ICacheBackplane? backplane, FaultReporter faults)
    {
        _level = level;
        _backplane = backplane;
        _faults = faults;
        Pending = new PendingInvalidations(RemoveEverywhereAsync, faults);
    }

    public IDistributedCacheLevel Level => _level;

    public PendingInvalidations Pending { get; }

    public async ValueTask<DistributedEntry<T>> ReadAsync<T>(string key, MethodCounters counters)
    {
        if (!MayRead(key))
        {
            return DistributedEntry.Unavailable<T>();
        }

        try
        {
            return Inspect(await _level.TryGetAsync<T>(key, PrefixIndex.PrefixesOf(key), counters.Method.ResultShape, CancellationToken.None).ConfigureAwait(false), key, counters);
        }
        catch (Exception ex)
        {
            _faults.Method(ex, counters, "distributed read", key);
            return DistributedEntry.Unavailable<T>();
        }
    }

    public DistributedEntry<T> Read<T>(string key, MethodCounters counters)
    {
        if (!MayRead(key))
        {
            return DistributedEntry.Unavailable<T>();
        }

        try
        {
            return Inspect(_level.TryGet<T>(key, PrefixIndex.PrefixesOf(key), counters.Method.ResultShape), key, counters);
        }
        catch (Exception ex)
        {
            _faults.Method(ex, counters, "distributed read", key);
            return DistributedEntry.Unavailable<T>();
        }
    }

    /// <summary>Queues the write of a loaded value; the level stores it only if <paramref name="version"/> is still current.</summary>
    public void Write<T>(string key, MethodCounters counters, T value, TimeSpan ttl, string version)
        => _writes.Enqueue(() => WriteAsync(key, counters, value, ttl, version));

    /// <summary>Writes a loaded value now and returns once the level answered (the holder of a cluster load lock stores before releasing it).</summary>
    public Task WriteNowAsync<T>(string key, MethodCounters counters, T value, TimeSpan ttl, string version)
        => WriteAsync(key, counters, value, ttl, version);

    /// <summary>
    /// Removes <paramref name="keyOrPrefix"/> from the level and tells the other instances. Never throws: a failure
    /// is counted on <paramref name="counters"/> (when a method asked), logged, and remembered for replay.
    /// </summary>
    public async Task InvalidateAsync(string keyOrPrefix, bool isPrefix, MethodCounters? counters)
    {
        var pendingBefore = Pending.IsEmpty ? null : Pending.Snapshot(keyOrPrefix);
        try
        {
            await RemoveEverywhereAsync(keyOrPrefix, isPrefix).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            if (counters is null)
            {
                _faults.ManualRemove(ex, keyOrPrefix);
            }
            else
            {
                _faults.Method(ex, counters, "distributed remove", keyOrPrefix);
            }

            Pending.Remember(keyOrPrefix, isPrefix);
            return;
        }

        // Done now, so no longer pending; and the level answers again, so replay what else is.
        if (!Pending.IsEmpty)
        {
            Pending.Done(keyOrPrefix, pendingBefore);
            Pending.Replay();
        }
    }

    private async Task RemoveEverywhereAsync(string keyOrPrefix, bool isPrefix)
    {
        await (isPrefix ? _level.InvalidatePrefixAsync(keyOrPrefix) : _level.InvalidateAsync(keyOrPrefix)).ConfigureAwait(false);
        if (_backplane is not null)
        {
            await (isPrefix ? _backplane.PublishPrefixInvalidatedAsync(keyOrPrefix) : _backplane.PublishKeyInvalidatedAsync(keyOrPrefix)).ConfigureAwait(false);
        }
    }

    private bool MayRead(string key)
    {
        if (!Pending.Affects(key))
        {
            return true;
        }

        // The level may hold a value that should have been removed: not trusted until the removal is replayed.
        Pending.Replay();
        return false;
    }

    private DistributedEntry<T> Inspect<T>(DistributedEntry<T> entry, string key, MethodCounters counters)
    {
        if (entry.Fault is not null)
        {
            _faults.Method(entry.Fault, counters, "distributed entry decode", key);
        }

        if (entry.Version is not null)
        {
            // The level answers again: a good moment to replay invalidations it missed.
            Pending.Replay();
        }

        return entry;
    }

    private async Task WriteAsync<T>(string key, MethodCounters counters, T value, TimeSpan ttl, string version)
    {
        try
        {
            await _level.SetAsync(key, value, ttl, version, PrefixIndex.PrefixesOf(key), counters.Method.ResultShape).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _faults.Method(ex, counters, "distributed write", key);
        }
    }
}
