using CachingGen.Infrastructure;
using CachingGen.Internals.Diagnostics;

namespace CachingGen;

/// <summary>Conditional caching and jitter: whether a loaded value is stored (<c>Unless</c>, <c>TtlFrom</c>), and for how long.</summary>
public sealed partial class CachingGenCache
{
    /// <summary>
    /// Conditional caching and jitter: whether <paramref name="value"/> is stored at all (<see cref="CachePolicy.Unless"/>,
    /// <see cref="CachePolicy.TtlFrom"/>), and for how long. An exception from the application's rule is a counted, logged
    /// cache fault: the value is returned and not stored.
    /// </summary>
    private bool Admit<T>(string key, MethodCounters counters, CachePolicy policy, T value, ref TimeSpan ttl)
    {
        try
        {
            if (policy.Unless is Func<T, bool> unless && unless(value))
            {
                return false;
            }

            if (policy.TtlFrom is Func<T, TimeSpan> ttlFrom)
            {
                ttl = ttlFrom(value);
                if (ttl <= TimeSpan.Zero)
                {
                    return false;
                }
            }
        }
        catch (Exception ex)
        {
            _faults.Method(ex, counters, policy.Unless is not null ? "Unless rule" : "TtlFrom rule", key);
            return false;
        }

        if (policy.Jitter > TimeSpan.Zero)
        {
            ttl += TimeSpan.FromTicks(Random.Shared.NextInt64(policy.Jitter.Ticks + 1));
        }

        return true;
    }
}
