using System.Collections.Concurrent;
using CachingGen.Internals.Diagnostics;

namespace CachingGen.Internals.Distributed;

/// <summary>
/// Distributed invalidations that failed (the level was down). They are replayed when the level answers again,
/// and until then a distributed read of an affected key is treated as a miss, so no stale value comes back.
/// A call that reaches the level replays them; so does a retry every <see cref="RetryInterval"/> while any is pending
/// and <paramref name="levelAnswers"/> says the level is back (given for a level that can tell, such as Redis): calls
/// served from the in-process level never reach the level, and without the retry the invalidations could wait for
/// their keys' TTL.
/// </summary>
internal sealed class PendingInvalidations(Func<string, bool, Task> invalidate, FaultReporter faults, Func<bool>? levelAnswers = null, TimeProvider? time = null)
{
    public const int Capacity = 10_000;

    /// <summary>How often pending invalidations are retried while the level answers.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    private readonly Func<bool>? _levelAnswers = levelAnswers;
    private ITimer? _retry;

    // Key or prefix → whether it is a prefix, and the sequence number of the failure that put it here: an attempt that
    // succeeds removes the entry only if no newer failure replaced it meanwhile.
    private readonly ConcurrentDictionary<string, (bool IsPrefix, long Sequence)> _pending = new(StringComparer.Ordinal);
    private long _sequence;
    private int _replaying;

    public int Count => _pending.Count;

    public bool IsEmpty => _pending.IsEmpty;

    public void Remember(string keyOrPrefix, bool isPrefix)
    {
        if (_pending.Count >= Capacity)
        {
            faults.PendingOverflow(Capacity);
            return;
        }

        _pending[keyOrPrefix] = (isPrefix, Interlocked.Increment(ref _sequence));
        StartRetrying();
    }

    // One timer while anything is pending. It holds this object weakly, so an abandoned cache is not kept alive by it.
    private void StartRetrying()
    {
        if (_levelAnswers is null || Volatile.Read(ref _retry) is not null)
        {
            return;
        }

        var target = new WeakReference<PendingInvalidations>(this);
        var timer = (time ?? TimeProvider.System).CreateTimer(static state => Tick((WeakReference<PendingInvalidations>)state!), target, RetryInterval, RetryInterval);
        if (Interlocked.CompareExchange(ref _retry, timer, null) is not null)
        {
            timer.Dispose();
        }
    }

    private static void Tick(WeakReference<PendingInvalidations> target)
    {
        if (!target.TryGetTarget(out var pending))
        {
            return;
        }

        if (pending._pending.IsEmpty)
        {
            // Nothing left: stop, then look again, since an invalidation remembered meanwhile may have seen the timer.
            Interlocked.Exchange(ref pending._retry, null)?.Dispose();
            if (!pending._pending.IsEmpty)
            {
                pending.StartRetrying();
            }

            return;
        }

        if (pending._levelAnswers?.Invoke() == true)
        {
            pending.Replay();
        }
    }

    /// <summary>What is pending for <paramref name="keyOrPrefix"/> now, to pass to <see cref="Done"/> after an attempt that succeeds.</summary>
    public (bool IsPrefix, long Sequence)? Snapshot(string keyOrPrefix)
        => _pending.TryGetValue(keyOrPrefix, out var entry) ? entry : null;

    /// <summary>An attempt that started when <paramref name="before"/> was pending went through: that failure is covered.</summary>
    public void Done(string keyOrPrefix, (bool IsPrefix, long Sequence)? before)
    {
        if (before is { } entry)
        {
            _pending.TryRemove(new KeyValuePair<string, (bool, long)>(keyOrPrefix, entry));
        }
    }

    /// <summary>Whether a value the level holds for <paramref name="key"/> may be one that should have been removed.</summary>
    public bool Affects(string key)
    {
        if (_pending.IsEmpty)
        {
            return false;
        }

        foreach (var pair in _pending)
        {
            if (pair.Value.IsPrefix ? key.StartsWith(pair.Key, StringComparison.Ordinal) : key == pair.Key)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Replays what is pending, once at a time, in the background; stops at the first failure.</summary>
    public void Replay()
    {
        if (_pending.IsEmpty || Interlocked.CompareExchange(ref _replaying, 1, 0) != 0)
        {
            return;
        }

        _ = ReplayAsync();
    }

    private async Task ReplayAsync()
    {
        try
        {
            // Until nothing is left: an entry remembered (or remembered again) while a pass ran is taken by the next
            // pass rather than waiting for another trigger. A failure ends the run; the next trigger starts another.
            while (!_pending.IsEmpty)
            {
                var progressed = false;
                foreach (var pair in _pending)
                {
                    try
                    {
                        await invalidate(pair.Key, pair.Value.IsPrefix).ConfigureAwait(false);
                        progressed |= _pending.TryRemove(pair);
                    }
                    catch (Exception ex)
                    {
                        faults.ReplayFailed(ex, _pending.Count);
                        return;
                    }
                }

                if (!progressed)
                {
                    return;
                }
            }
        }
        finally
        {
            Volatile.Write(ref _replaying, 0);
        }
    }
}
