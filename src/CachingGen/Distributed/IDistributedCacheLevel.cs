using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CachingGen.Distributed;

/// <summary>
/// A shared second cache level behind the in-process store (CachingGen.Redis implements it over Redis). The
/// cache calls it only on an in-process miss, and never lets its faults reach the application: an exception
/// from any member is counted on the calling method, logged, and treated as a miss or a skipped write.
/// </summary>
/// <remarks>
/// Implementations decide when they are unavailable (for example an open circuit breaker) and then answer
/// immediately with <see cref="DistributedEntry.Unavailable{T}"/> rather than waiting for a timeout. Telling other
/// instances about invalidations is the <see cref="ICacheBackplane"/>'s job, not the level's.
/// </remarks>
public interface IDistributedCacheLevel
{
    /// <summary>
    /// Reads <paramref name="key"/>: the value, its remaining time to live, and the key's invalidation version,
    /// which <see cref="SetAsync{T}"/> checks so that a value loaded before an invalidation is never stored after it.
    /// </summary>
    ValueTask<DistributedEntry<T>> TryGetAsync<T>(string key, CancellationToken cancellationToken);

    /// <summary>Synchronous form of <see cref="TryGetAsync{T}"/>, for synchronous repository methods.</summary>
    DistributedEntry<T> TryGet<T>(string key);

    /// <summary>
    /// Stores <paramref name="value"/> for <paramref name="ttl"/>, unless the key was invalidated since
    /// <paramref name="version"/> was read, and indexes it under each of <paramref name="prefixes"/> (the prefixes of the
    /// key that a declared prefix invalidation can name) so <see cref="InvalidatePrefixAsync"/> finds it. Returns
    /// whether it was stored.
    /// </summary>
    Task<bool> SetAsync<T>(string key, T value, TimeSpan ttl, string version, IReadOnlyList<string> prefixes);

    /// <summary>Removes <paramref name="key"/> and bumps its version, so a load that read before cannot store.</summary>
    Task InvalidateAsync(string key);

    /// <summary>Removes every key that starts with <paramref name="prefix"/>.</summary>
    Task InvalidatePrefixAsync(string prefix);
}
