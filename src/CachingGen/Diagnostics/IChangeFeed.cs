namespace CachingGen.Diagnostics;

/// <summary>
/// A source of invalidations for writes the application does not make itself (CachingGen.Postgres's change feed). The
/// health check and the operations endpoints read its <see cref="Status"/>; the cache it serves is
/// <see cref="CachingGenCache.ChangeFeed"/>.
/// </summary>
public interface IChangeFeed
{
    /// <summary>A snapshot of the feed now: whether it is live, its lag, what it applied.</summary>
    ChangeFeedStatus Status { get; }
}
