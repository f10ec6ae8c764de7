using CachingGen.Infrastructure;

namespace CachingGen.Internals.Diagnostics;

/// <summary>
/// A cache's counters, one <see cref="MethodCounters"/> per method it has served, indexed by the method's dense id:
/// finding them on the hit path is an array read, and two caches in one process never share a counter.
/// </summary>
internal sealed class MethodCounterTable
{
    private readonly Lock _growLock = new();
    private MethodCounters?[] _slots = new MethodCounters?[64];
    private MethodCounters[] _all = [];

    /// <summary>The counters of <paramref name="method"/> in this cache, created on first use.</summary>
    public MethodCounters For(CacheMethod method)
    {
        var slots = Volatile.Read(ref _slots);
        var id = method.Id;
        if ((uint)id < (uint)slots.Length && slots[id] is { } counters)
        {
            return counters;
        }

        return Add(method);
    }

    /// <summary>Every method counted so far, in order of first use.</summary>
    public IReadOnlyList<MethodCounters> All => Volatile.Read(ref _all);

    private MethodCounters Add(CacheMethod method)
    {
        lock (_growLock)
        {
            var slots = _slots;
            if ((uint)method.Id < (uint)slots.Length && slots[method.Id] is { } existing)
            {
                return existing;
            }

            // Copy-on-write: rare (once per method per cache), and readers never lock.
            var size = slots.Length;
            while (size <= method.Id)
            {
                size *= 2;
            }

            var next = new MethodCounters?[size];
            slots.CopyTo(next, 0);
            var counters = new MethodCounters(method);
            next[method.Id] = counters;
            Volatile.Write(ref _slots, next);
            Volatile.Write(ref _all, [.. _all, counters]);
            return counters;
        }
    }
}
