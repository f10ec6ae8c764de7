using CachingGen.Infrastructure;

namespace CachingGen;

/// <summary>The in-process entry of a method with policies: a shorter local TTL, the fail-safe window and the refresh point.</summary>
public sealed partial class CachingGenCache
{
    /// <summary>
    /// Stores an entry with <paramref name="remaining"/> left in the cache as a whole: at most the local TTL in process, kept
    /// for the fail-safe window after that, and due for refresh once the whole entry reaches the stated fraction of its TTL.
    /// </summary>
    private void SetWithPolicy<T>(string key, CacheMethod method, CachePolicy policy, T value, TimeSpan remaining, bool fresh)
    {
        var local = policy.LocalTtl > TimeSpan.Zero && policy.LocalTtl < remaining ? policy.LocalTtl : remaining;
        TimeSpan? refreshAfter = null;
        if (policy.RefreshAhead > 0)
        {
            // A fresh load has its whole lifetime left (its TtlFrom TTL, jitter included); a distributed hit has what is
            // left of a lifetime taken to be the attribute's TTL (the level does not keep the original).
            var whole = fresh || remaining > method.Ttl ? remaining : method.Ttl;
            var after = remaining - (whole * (1 - policy.RefreshAhead));
            if (after < local)
            {
                refreshAfter = after > TimeSpan.Zero ? after : TimeSpan.Zero;
            }
        }

        _store.Set(key, value, local, policy.FailSafe, refreshAfter);
    }
}
