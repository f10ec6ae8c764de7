using System.Collections.Concurrent;

namespace CachingGen.Internals.Diagnostics;

/// <summary>
/// At most one log line per kind (a fault of one method, the backplane, the replay, …) every interval, so an
/// outage under load does not flood the logs; the lines held back are counted and reported with the next one.
/// </summary>
internal sealed class LogThrottle(TimeSpan interval, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    /// <summary>Whether a line of <paramref name="kind"/> may be written now, and how many were held back since the last one.</summary>
    public bool TryTake(string kind, out long suppressed)
    {
        var slot = _slots.GetOrAdd(kind, static _ => new Slot());
        var now = time.GetTimestamp();
        var last = Volatile.Read(ref slot.Last);
        if ((last != long.MinValue && time.GetElapsedTime(last, now) < interval) || Interlocked.CompareExchange(ref slot.Last, now, last) != last)
        {
            Interlocked.Increment(ref slot.Suppressed);
            suppressed = 0;
            return false;
        }

        suppressed = Interlocked.Exchange(ref slot.Suppressed, 0);
        return true;
    }

    private sealed class Slot
    {
        public long Last = long.MinValue;
        public long Suppressed;
    }
}
