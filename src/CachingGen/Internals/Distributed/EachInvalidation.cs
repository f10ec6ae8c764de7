using CachingGen.Infrastructure;

namespace CachingGen.Internals.Distributed;

/// <summary>
/// The default of the batch operations of <see cref="CachingGen.Distributed.IDistributedCacheLevel"/> and
/// <see cref="CachingGen.Distributed.ICacheBackplane"/> for an implementation that has no batch of its own.
/// </summary>
internal static class EachInvalidation
{
    /// <summary>Starts <paramref name="key"/> or <paramref name="prefix"/> for each of <paramref name="invalidations"/>, all at once; completes when all have.</summary>
    public static Task AllAsync(IReadOnlyList<CacheInvalidation> invalidations, Func<string, Task> key, Func<string, Task> prefix)
    {
        ArgumentNullException.ThrowIfNull(invalidations);
        var started = new Task[invalidations.Count];
        for (var i = 0; i < started.Length; i++)
        {
            started[i] = invalidations[i].IsPrefix ? prefix(invalidations[i].KeyOrPrefix) : key(invalidations[i].KeyOrPrefix);
        }

        return Task.WhenAll(started);
    }
}
