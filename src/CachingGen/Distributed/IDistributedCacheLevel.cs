using CachingGen.Infrastructure;
using CachingGen.Internals.Distributed;

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
/// <para>
/// Every value travels with a <c>resultShape</c>: a hash of its type's serialized shape, computed at compile time
/// (<see cref="Infrastructure.CacheMethod.ResultShape"/>). A level stores it with the value and answers a read that
/// expects another shape with a plain miss — not a fault, and without removing the entry, which an instance of the
/// other release may still be reading — so a deploy that changes a cached type never reads the old entries as the
/// new type, and one that leaves it unchanged keeps them.
/// </para>
/// </remarks>
public interface IDistributedCacheLevel
{
    /// <summary>
    /// Reads <paramref name="key"/>: the value, its remaining time to live, and a version — of the key and of each of
    /// <paramref name="prefixes"/> (the prefixes of the key a declared prefix invalidation can name) — which
    /// <see cref="SetAsync{T}"/> receives back, so that a value loaded before an invalidation of the key or of one of
    /// those prefixes is never served after it. A value stored under older prefix versions, or under another
    /// <paramref name="resultShape"/> than the caller expects, is a miss.
    /// </summary>
    ValueTask<DistributedEntry<T>> TryGetAsync<T>(string key, IReadOnlyList<string> prefixes, uint resultShape, CancellationToken cancellationToken);

    /// <summary>Synchronous form of <see cref="TryGetAsync{T}"/>, for synchronous repository methods.</summary>
    DistributedEntry<T> TryGet<T>(string key, IReadOnlyList<string> prefixes, uint resultShape);

    /// <summary>
    /// Stores <paramref name="value"/> for <paramref name="ttl"/>, unless the key was invalidated since
    /// <paramref name="version"/> was read, and indexes it under each of <paramref name="prefixes"/> (the prefixes of the
    /// key that a declared prefix invalidation can name) so <see cref="InvalidatePrefixAsync"/> finds it, with
    /// <paramref name="resultShape"/> (the hash of <typeparamref name="T"/>'s serialized shape) that a read compares.
    /// Returns whether it was stored.
    /// </summary>
    Task<bool> SetAsync<T>(string key, T value, TimeSpan ttl, string version, IReadOnlyList<string> prefixes, uint resultShape);

    /// <summary>Removes <paramref name="key"/> and bumps its version, so a load that read before cannot store.</summary>
    Task InvalidateAsync(string key);

    /// <summary>
    /// Invalidates every key that starts with <paramref name="prefix"/> (a prefix declared by some
    /// <c>[Invalidates("…:*")]</c>): no value loaded before this call returns is served afterwards.
    /// </summary>
    Task InvalidatePrefixAsync(string prefix);

    /// <summary>
    /// All the keys and prefixes one write invalidates, together (a level can then remove them in one round trip): when the
    /// returned task completes, none of the old values is served. The default sends <see cref="InvalidateAsync"/> and
    /// <see cref="InvalidatePrefixAsync"/> for each at once.
    /// </summary>
    Task InvalidateAllAsync(IReadOnlyList<CacheInvalidation> invalidations)
        => EachInvalidation.AllAsync(invalidations, InvalidateAsync, InvalidatePrefixAsync);
}
