using System;
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
/// immediately with <see cref="DistributedEntry.Unavailable{T}"/> rather than waiting for a timeout.
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
    /// <paramref name="version"/> was read. Returns whether it was stored.
    /// </summary>
    Task<bool> SetAsync<T>(string key, T value, TimeSpan ttl, string version);

    /// <summary>Removes <paramref name="key"/> everywhere and tells the other instances to drop their in-process copy.</summary>
    Task InvalidateAsync(string key);

    /// <summary>Removes every key that starts with <paramref name="prefix"/>, everywhere, and tells the other instances.</summary>
    Task InvalidatePrefixAsync(string prefix);

    /// <summary>
    /// Starts delivering invalidations made by other instances, and connection resets after which in-process
    /// entries may have missed some, to <paramref name="listener"/>.
    /// </summary>
    void Subscribe(IDistributedInvalidationListener listener);
}
