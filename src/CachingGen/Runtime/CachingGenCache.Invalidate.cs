using CachingGen.Diagnostics;
using CachingGen.Infrastructure;
using CachingGen.Internals.Diagnostics;
using CachingGen.Internals.Distributed;

namespace CachingGen;

/// <summary>The write path: removing keys and prefixes from every level, and making loads in flight discard their result.</summary>
public sealed partial class CachingGenCache
{
    /// <summary>
    /// Removes <paramref name="keyOrPrefix"/> from every level after an invalidating method succeeded, and makes any
    /// load of it still running discard its result. Never throws: a fault is counted and logged, and a failed
    /// distributed removal is replayed later.
    /// </summary>
    internal async ValueTask InvalidateAsync(string keyOrPrefix, bool isPrefix, CacheMethod method)
    {
        var counters = _counters.For(method);

        // Captured before the first await: a TransactionScope that does not flow is only visible on this thread.
        var transaction = CurrentTransaction();
        using var activity = CacheTraces.Start(CachingGenTracing.InvalidateSpan, method, keyOrPrefix, _recordKeys);
        await InvalidateCoreAsync(keyOrPrefix, isPrefix, counters).ConfigureAwait(false);
        counters.RecordInvalidation();

        // Inside a database transaction the data changes at its commit, not now: invalidate again then.
        DeferToCommit(transaction, keyOrPrefix, isPrefix, method);
    }

    /// <summary>
    /// Removes the key or prefix in process, then from the distributed level (and tells other instances), then in
    /// process again. <paramref name="counters"/> is null for a removal made by hand (<see cref="RemoveAsync"/>).
    /// </summary>
    private async Task InvalidateCoreAsync(string keyOrPrefix, bool isPrefix, MethodCounters? counters)
    {
        RemoveLocal(keyOrPrefix, isPrefix, counters);
        if (_distributed is not null)
        {
            await _distributed.InvalidateAsync(keyOrPrefix, isPrefix, counters).ConfigureAwait(false);

            // Again, now that the distributed level no longer has the old value: a load that read it there after the
            // first removal (before the distributed one) may have put it back in process, or still be running.
            RemoveLocal(keyOrPrefix, isPrefix, counters);
        }
    }

    /// <summary>
    /// All of one call's invalidations together: removed in process, then sent to the distributed level at once, then
    /// removed in process again; counted one each, and repeated at the commit of a transaction.
    /// </summary>
    internal async ValueTask InvalidateAllAsync(CacheInvalidation[] invalidations, CacheMethod method)
    {
        var counters = _counters.For(method);
        var transaction = CurrentTransaction();
        using var activity = CacheTraces.Start(CachingGenTracing.InvalidateSpan, method, _recordKeys && CacheTraces.Listening ? string.Join(", ", Array.ConvertAll(invalidations, i => i.KeyOrPrefix)) : null, _recordKeys);
        await InvalidateEverywhereAsync(invalidations, counters).ConfigureAwait(false);
        foreach (var invalidation in invalidations)
        {
            counters.RecordInvalidation();
            DeferToCommit(transaction, invalidation.KeyOrPrefix, invalidation.IsPrefix, method);
        }
    }

    /// <summary>
    /// A change feed's invalidations (rows changed by any writer): removed in process, from the distributed level and,
    /// through the backplane, from every instance, like a write's. True when every level took them; false when the
    /// distributed level or the backplane failed (they are remembered for replay as usual, and the feed, which confirms
    /// its position only after this returned true, sends them again). Not tied to a transaction: the rows are committed.
    /// </summary>
    internal async ValueTask<bool> InvalidateFromFeedAsync(CacheInvalidation[] invalidations)
    {
        using var activity = CacheTraces.Start(CachingGenTracing.InvalidateSpan, null, _recordKeys && CacheTraces.Listening ? DistributedAccess.Describe(invalidations) : null, _recordKeys);
        return await InvalidateEverywhereAsync(invalidations, counters: null).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes the keys and prefixes in process, then from the distributed level at once (one script and one backplane
    /// message with Redis; never faults: a failure is reported for each and remembered for replay), then in process again.
    /// True when every level took them.
    /// </summary>
    private async ValueTask<bool> InvalidateEverywhereAsync(CacheInvalidation[] invalidations, MethodCounters? counters)
    {
        foreach (var invalidation in invalidations)
        {
            RemoveLocal(invalidation.KeyOrPrefix, invalidation.IsPrefix, counters);
        }

        if (_distributed is null)
        {
            return true;
        }

        var delivered = await _distributed.InvalidateAllAsync(invalidations, counters).ConfigureAwait(false);
        foreach (var invalidation in invalidations)
        {
            RemoveLocal(invalidation.KeyOrPrefix, invalidation.IsPrefix, counters);
        }

        return delivered;
    }

    /// <summary>Applies another instance's invalidation (from the backplane) to this instance.</summary>
    internal void ApplyRemoteInvalidation(string keyOrPrefix, bool isPrefix)
    {
        MarkFlightsStale(keyOrPrefix, isPrefix);
        if (isPrefix)
        {
            _store.RemoveByPrefix(keyOrPrefix);
        }
        else
        {
            _store.Remove(keyOrPrefix);
        }
    }

    /// <summary>Invalidations may have been missed (the backplane reconnected): nothing in process can be trusted.</summary>
    internal void ApplyMissedInvalidations()
    {
        foreach (var pair in _flights)
        {
            if (_flights.TryRemove(pair))
            {
                pair.Value.MarkStale();
            }
        }

        _store.Clear();
        _distributed?.Pending.Replay();
    }

    internal void OnBackplaneFault(Exception exception) => _faults.Backplane(exception);

    private void RemoveLocal(string keyOrPrefix, bool isPrefix, MethodCounters? counters)
    {
        try
        {
            ApplyRemoteInvalidation(keyOrPrefix, isPrefix);
        }
        catch (Exception ex)
        {
            if (counters is null)
            {
                _faults.ManualRemove(ex, keyOrPrefix);
            }
            else
            {
                _faults.Method(ex, counters, "remove", keyOrPrefix);
            }
        }
    }

    /// <summary>
    /// Makes every load of the key (or under the prefix) that is running now discard its result, and takes it out of
    /// the in-flight table: a caller arriving after the invalidation starts a new load instead of joining one that
    /// may have read the old value. Callers already waiting for it still get its result (their calls began before
    /// the write returned).
    /// </summary>
    private void MarkFlightsStale(string keyOrPrefix, bool isPrefix)
    {
        if (!isPrefix)
        {
            if (_flights.TryRemove(keyOrPrefix, out var flight))
            {
                flight.MarkStale();
            }

            return;
        }

        foreach (var pair in _flights)
        {
            if (pair.Key.StartsWith(keyOrPrefix, StringComparison.Ordinal) && _flights.TryRemove(pair))
            {
                pair.Value.MarkStale();
            }
        }
    }
}
