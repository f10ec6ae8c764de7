using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CachingGen.Internals.Diagnostics;

namespace CachingGen.Internals.Distributed;

/// <summary>
/// Distributed invalidations that failed (the level was down). They are replayed when the level answers again,
/// and until then a distributed read of an affected key is treated as a miss, so no stale value comes back.
/// </summary>
internal sealed class PendingInvalidations(Func<string, bool, Task> invalidate, FaultReporter faults)
{
    public const int Capacity = 10_000;

    // Key or prefix → whether it is a prefix.
    private readonly ConcurrentDictionary<string, bool> _pending = new(StringComparer.Ordinal);
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

        _pending[keyOrPrefix] = isPrefix;
    }

    /// <summary>The invalidation went through after all: no longer pending.</summary>
    public void Done(string keyOrPrefix, bool isPrefix)
        => _pending.TryRemove(new KeyValuePair<string, bool>(keyOrPrefix, isPrefix));

    /// <summary>Whether a value the level holds for <paramref name="key"/> may be one that should have been removed.</summary>
    public bool Affects(string key)
    {
        if (_pending.IsEmpty)
        {
            return false;
        }

        foreach (var pair in _pending)
        {
            if (pair.Value ? key.StartsWith(pair.Key, StringComparison.Ordinal) : key == pair.Key)
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
            foreach (var pair in _pending)
            {
                try
                {
                    await invalidate(pair.Key, pair.Value).ConfigureAwait(false);
                    _pending.TryRemove(pair);
                }
                catch (Exception ex)
                {
                    faults.ReplayFailed(ex, _pending.Count);
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
