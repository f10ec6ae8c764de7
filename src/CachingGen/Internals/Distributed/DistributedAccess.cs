using System.Diagnostics;
using CachingGen.Diagnostics;
using CachingGen.Distributed;
using CachingGen.Infrastructure;
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
    private readonly CacheInstruments _instruments;

    public DistributedAccess(IDistributedCacheLevel level, ICacheBackplane? backplane, FaultReporter faults, CacheInstruments instruments)
    {
        _level = level;
        _backplane = backplane;
        _faults = faults;
        _instruments = instruments;
        // A level that can say it is back (connected, circuit closed) gets its pending invalidations retried on a timer.
        Pending = new PendingInvalidations(
            RemoveEverywhereAsync,
            faults,
            level is IDistributedLevelStatus status ? () => status.IsConnected && !status.IsCircuitOpen : null);
    }

    public IDistributedCacheLevel Level => _level;

    public PendingInvalidations Pending { get; }

    /// <summary>Whether spans carry keys (<see cref="CachingGen.Diagnostics.CacheTelemetryOptions.RecordKeys"/>).</summary>
    public bool RecordKeys { get; set; }

    public async ValueTask<DistributedEntry<T>> ReadAsync<T>(string key, MethodCounters counters)
    {
        if (!MayRead(key))
        {
            return DistributedEntry.Unavailable<T>();
        }

        var started = Stopwatch.GetTimestamp();
        using var span = CacheTraces.Start(CachingGenTracing.DistributedReadSpan, counters.Method, key, RecordKeys, ActivityKind.Client);
        try
        {
            return Traced(span, Inspect(await _level.TryGetAsync<T>(key, PrefixIndex.PrefixesOf(key), counters.Method.ResultShape, CancellationToken.None).ConfigureAwait(false), key, counters));
        }
        catch (Exception ex)
        {
            return ReadFailed<T>(span, ex, counters, key);
        }
        finally
        {
            _instruments.Distributed(counters.Method, "read", started);
        }
    }

    public DistributedEntry<T> Read<T>(string key, MethodCounters counters)
    {
        if (!MayRead(key))
        {
            return DistributedEntry.Unavailable<T>();
        }

        var started = Stopwatch.GetTimestamp();
        using var span = CacheTraces.Start(CachingGenTracing.DistributedReadSpan, counters.Method, key, RecordKeys, ActivityKind.Client);
        try
        {
            return Traced(span, Inspect(_level.TryGet<T>(key, PrefixIndex.PrefixesOf(key), counters.Method.ResultShape), key, counters));
        }
        catch (Exception ex)
        {
            return ReadFailed<T>(span, ex, counters, key);
        }
        finally
        {
            _instruments.Distributed(counters.Method, "read", started);
        }
    }

    /// <summary>A read the level failed: traced and reported, and a miss for the caller (neither a hit nor a version to write with).</summary>
    private DistributedEntry<T> ReadFailed<T>(Activity? span, Exception exception, MethodCounters counters, string key)
    {
        CacheTraces.Failed(span, exception);
        _faults.Method(exception, counters, "distributed read", key);
        return DistributedEntry.Unavailable<T>();
    }

    /// <summary>Queues the write of a loaded value; the level stores it only if <paramref name="version"/> is still current.</summary>
    public void Write<T>(string key, MethodCounters counters, T value, TimeSpan ttl, string version)
    {
        // Written later, off the caller's path: its span's parent is the miss that loaded the value.
        var parent = CacheTraces.Listening ? Activity.Current?.Context ?? default : default;
        _writes.Enqueue(() => WriteAsync(key, counters, value, ttl, version, parent));
    }

    /// <summary>Writes a loaded value now and returns once the level answered (the holder of a cluster load lock stores before releasing it).</summary>
    public Task WriteNowAsync<T>(string key, MethodCounters counters, T value, TimeSpan ttl, string version)
        => WriteAsync(key, counters, value, ttl, version, Activity.Current?.Context ?? default);

    /// <summary>
    /// Removes <paramref name="keyOrPrefix"/> from the level and tells the other instances. Never throws: a failure
    /// is counted on <paramref name="counters"/> (when a method asked), logged, and remembered for replay.
    /// </summary>
    public async Task InvalidateAsync(string keyOrPrefix, bool isPrefix, MethodCounters? counters)
    {
        var pendingBefore = Pending.IsEmpty ? null : Pending.Snapshot(keyOrPrefix);
        var started = Stopwatch.GetTimestamp();
        using var span = CacheTraces.Start(CachingGenTracing.DistributedRemoveSpan, counters?.Method, keyOrPrefix, RecordKeys, ActivityKind.Client);
        try
        {
            await RemoveEverywhereAsync(keyOrPrefix, isPrefix).ConfigureAwait(false);
            _instruments.Distributed(counters?.Method, "remove", started);
        }
        catch (Exception ex)
        {
            _instruments.Distributed(counters?.Method, "remove", started);
            CacheTraces.Failed(span, ex);
            RemoveFault(ex, counters, keyOrPrefix);

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

    /// <summary>
    /// Removes all of one write's keys and prefixes from the level and tells the other instances, together: one call to
    /// the level and one to the backplane (one script and one message with Redis). Never throws: a failure is counted on
    /// <paramref name="counters"/> for each key or prefix (or as a removal by hand when null), logged, and each is
    /// remembered for replay; false then, so a caller that must know every instance was told (the change feed, which
    /// confirms a position only after that) can try again.
    /// </summary>
    public async Task<bool> InvalidateAllAsync(CacheInvalidation[] invalidations, MethodCounters? counters)
    {
        var pendingBefore = Pending.IsEmpty ? null : Array.ConvertAll(invalidations, i => Pending.Snapshot(i.KeyOrPrefix));
        var started = Stopwatch.GetTimestamp();
        using var span = CacheTraces.Listening ? CacheTraces.Start(CachingGenTracing.DistributedRemoveSpan, counters?.Method, RecordKeys ? Describe(invalidations) : null, RecordKeys, ActivityKind.Client) : null;
        try
        {
            await _level.InvalidateAllAsync(invalidations).ConfigureAwait(false);
            if (_backplane is not null)
            {
                await _backplane.PublishInvalidatedAsync(invalidations).ConfigureAwait(false);
            }

            _instruments.Distributed(counters?.Method, "remove", started);
        }
        catch (Exception ex)
        {
            _instruments.Distributed(counters?.Method, "remove", started);
            CacheTraces.Failed(span, ex);
            foreach (var invalidation in invalidations)
            {
                RemoveFault(ex, counters, invalidation.KeyOrPrefix);

                Pending.Remember(invalidation.KeyOrPrefix, invalidation.IsPrefix);
            }

            return false;
        }

        if (pendingBefore is not null)
        {
            for (var i = 0; i < invalidations.Length; i++)
            {
                Pending.Done(invalidations[i].KeyOrPrefix, pendingBefore[i]);
            }

            Pending.Replay();
        }

        return true;
    }

    /// <summary>A failed removal, counted on the method that asked for it, or reported as a removal by hand when none did.</summary>
    private void RemoveFault(Exception exception, MethodCounters? counters, string keyOrPrefix)
    {
        if (counters is null)
        {
            _faults.ManualRemove(exception, keyOrPrefix);
        }
        else
        {
            _faults.Method(exception, counters, "distributed remove", keyOrPrefix);
        }
    }

    /// <summary>A span's key tag for several invalidations: <c>a, b, c:*</c>.</summary>
    public static string Describe(CacheInvalidation[] invalidations)
        => string.Join(", ", Array.ConvertAll(invalidations, i => i.IsPrefix ? i.KeyOrPrefix + "*" : i.KeyOrPrefix));

    /// <summary>Clears the level, when it can, and tells the other instances to clear their in-process level (a prefix of nothing).</summary>
    public async Task ClearAsync()
    {
        if (_level is IDistributedCacheClear clear)
        {
            await clear.ClearAsync().ConfigureAwait(false);
        }

        if (_backplane is not null)
        {
            await _backplane.PublishPrefixInvalidatedAsync(string.Empty).ConfigureAwait(false);
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

    private async Task WriteAsync<T>(string key, MethodCounters counters, T value, TimeSpan ttl, string version, ActivityContext parent)
    {
        var started = Stopwatch.GetTimestamp();
        using var span = CacheTraces.Start(CachingGenTracing.DistributedWriteSpan, counters.Method, key, RecordKeys, ActivityKind.Client, parent);
        try
        {
            var stored = await _level.SetAsync(key, value, ttl, version, PrefixIndex.PrefixesOf(key), counters.Method.ResultShape).ConfigureAwait(false);
            span?.SetTag(CachingGenTracing.OutcomeTag, stored ? TraceValues.Stored : TraceValues.Refused);
        }
        catch (Exception ex)
        {
            CacheTraces.Failed(span, ex);
            _faults.Method(ex, counters, "distributed write", key);
        }
        finally
        {
            _instruments.Distributed(counters.Method, "write", started);
        }
    }

    /// <summary>Tags a read's span with what it found: a hit, a miss, or unavailable (down, circuit open).</summary>
    private static DistributedEntry<T> Traced<T>(Activity? span, DistributedEntry<T> entry)
    {
        span?.SetTag(CachingGenTracing.OutcomeTag, entry.Found ? TraceValues.Hit : entry.Version is null ? TraceValues.Unavailable : TraceValues.NotFound);
        return entry;
    }
}
