using CachingGen.Infrastructure;
using CachingGen.Internals.Distributed;

namespace CachingGen.Distributed;

/// <summary>
/// Tells the other instances what this one invalidated, and this one what they did, so every in-process copy of
/// an invalidated key is dropped (CachingGen.Redis implements it over Redis pub/sub). Separate from the
/// <see cref="IDistributedCacheLevel"/>: a level may be used without a backplane, and a backplane without a level.
/// </summary>
public interface ICacheBackplane
{
    /// <summary>Tells the other instances that <paramref name="key"/> was invalidated.</summary>
    Task PublishKeyInvalidatedAsync(string key);

    /// <summary>Tells the other instances that every key starting with <paramref name="prefix"/> was invalidated.</summary>
    Task PublishPrefixInvalidatedAsync(string prefix);

    /// <summary>
    /// Tells the other instances about all the keys and prefixes one write invalidated (a backplane can send them as one
    /// message). The default publishes each with <see cref="PublishKeyInvalidatedAsync"/> or
    /// <see cref="PublishPrefixInvalidatedAsync"/>, all at once.
    /// </summary>
    Task PublishInvalidatedAsync(IReadOnlyList<CacheInvalidation> invalidations)
        => EachInvalidation.AllAsync(invalidations, PublishKeyInvalidatedAsync, PublishPrefixInvalidatedAsync);

    /// <summary>
    /// Starts delivering the other instances' invalidations, and connection resets after which in-process entries
    /// may have missed some, to <paramref name="listener"/>.
    /// </summary>
    void Subscribe(IDistributedInvalidationListener listener);
}
