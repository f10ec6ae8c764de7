using CachingGen.Internals.Diagnostics;

namespace CachingGen.Diagnostics;

/// <summary>
/// The counters of one <see cref="CachingGenCache"/> (<see cref="CachingGenCache.Statistics"/>): two caches in one
/// process, such as two hosts, count apart. A method appears once it has been called through this cache.
/// </summary>
public sealed class CacheStatistics
{
    private readonly MethodCounterTable _counters;

    internal CacheStatistics(MethodCounterTable counters) => _counters = counters;

    /// <summary>A copy of every method's counters, in order of first use.</summary>
    public IReadOnlyList<CacheMethodStatistics> GetSnapshot()
    {
        var all = _counters.All;
        var result = new CacheMethodStatistics[all.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = all[i].Snapshot();
        }

        return result;
    }

    /// <summary>
    /// The counters of the method named <paramref name="method"/> (<c>Namespace.Class.Method</c>), or null when it
    /// has not been called through this cache.
    /// </summary>
    public CacheMethodStatistics? Find(string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        foreach (var counters in _counters.All)
        {
            if (string.Equals(counters.Method.Method, method, StringComparison.Ordinal))
            {
                return counters.Snapshot();
            }
        }

        return null;
    }
}
