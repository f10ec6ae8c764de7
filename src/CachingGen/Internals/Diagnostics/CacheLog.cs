using Microsoft.Extensions.Logging;

namespace CachingGen.Internals.Diagnostics;

/// <summary>
/// Every log line of the cache, each written through <see cref="LogThrottle"/> by its caller; <c>{Suppressed}</c> is
/// <see cref="HeldBack.Note"/>: how many lines of the kind were held back, or nothing.
/// </summary>
internal static partial class CacheLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "CachingGen: cache {Operation} failed for {Method} (key '{Key}'); the call went on without the cache.{Suppressed}")]
    public static partial void StoreFault(ILogger logger, Exception exception, string operation, string method, string key, string suppressed);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "CachingGen: removing key '{Key}' failed; it will be retried when the distributed cache answers again.{Suppressed}")]
    public static partial void ManualRemoveFailed(ILogger logger, Exception exception, string key, string suppressed);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "CachingGen: more than {Limit} distributed invalidations are waiting for the distributed cache to come back; further ones are not remembered, so entries may stay stale there until their TTL ends.{Suppressed}")]
    public static partial void PendingOverflow(ILogger logger, int limit, string suppressed);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "CachingGen: replaying distributed invalidations failed; {Pending} still pending.{Suppressed}")]
    public static partial void ReplayFailed(ILogger logger, Exception exception, int pending, string suppressed);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "CachingGen: applying an invalidation from another instance failed.{Suppressed}")]
    public static partial void BackplaneFault(ILogger logger, Exception exception, string suppressed);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "CachingGen: {Problem}")]
    public static partial void Undecorated(ILogger logger, string problem);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "CachingGen: {Count} containers with AddCachingGen are live in this process. Calls the interceptors see on instances no container created (new, a factory) and on static methods are not cached while more than one is live, since there is no telling which cache they belong to; their invalidations reach every cache. Instances the containers create keep their own container's cache.")]
    public static partial void SeveralContainers(ILogger logger, int count);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "CachingGen: {Method} {Reason} (key '{Key}'); answered with its fail-safe copy (the last value it loaded for that key).{Suppressed}")]
    public static partial void ServedStale(ILogger logger, Exception? exception, string method, string reason, string key, string suppressed);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "CachingGen: the refresh-ahead reload of {Method} failed (key '{Key}'); the cached value is served until its TTL ends.{Suppressed}")]
    public static partial void RefreshFailed(ILogger logger, Exception exception, string method, string key, string suppressed);
}
