using System;
using System.Collections.Generic;
using System.Linq;

namespace CachingGen.Stress;

/// <summary>
/// For one row: the highest version a fresh read must see at a given time, from writes that each count from
/// their own moment on (the time the write returned, or when its invalidation must have reached the reader).
/// </summary>
public sealed class VersionFloor
{
    private readonly long[] _from;
    private readonly long[] _highest;

    public VersionFloor(IEnumerable<(long FromTicks, long Version)> writes)
    {
        var sorted = writes.OrderBy(w => w.FromTicks).ToArray();
        _from = sorted.Select(w => w.FromTicks).ToArray();
        _highest = new long[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            _highest[i] = Math.Max(sorted[i].Version, i == 0 ? 0 : _highest[i - 1]);
        }
    }

    /// <summary>The highest version among the writes that count strictly before <paramref name="ticks"/> (0: none).</summary>
    public long At(long ticks)
    {
        int low = 0, high = _from.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_from[middle] < ticks)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low == 0 ? 0 : _highest[low - 1];
    }
}
