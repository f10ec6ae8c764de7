using CachingGen.Redis.Serialization;
using CachingGen.Serialization;

namespace CachingGen.Redis;

/// <summary>Options of the Redis level (<c>o.UseRedis(...)</c>), also configurable through <c>IOptions&lt;RedisCacheOptions&gt;</c>.</summary>
public sealed class RedisCacheOptions
{
    /// <summary>StackExchange.Redis configuration string, for example <c>127.0.0.1:6379</c> or several endpoints of a cluster.</summary>
    public string? Configuration { get; set; }

    /// <summary>An existing connection to use instead of <see cref="Configuration"/>; it is not disposed by CachingGen.</summary>
    public IConnectionMultiplexer? Connection { get; set; }

    /// <summary>
    /// Prepended to every Redis key and to the invalidation channel, so several applications or tenants can
    /// share one Redis without seeing each other's entries. Default <c>cachinggen:</c>.
    /// </summary>
    public string KeyPrefix { get; set; } = "cachinggen:";

    /// <summary>
    /// The most one Redis operation may add to a call before it counts as failed and the call goes on without
    /// Redis. Default 250 ms.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long the first connection attempt may take; start-up never waits for it. Default 2 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Consecutive failures that open the circuit breaker. Default 3.</summary>
    public int CircuitBreakerFailures { get; set; } = 3;

    /// <summary>How long an open circuit skips Redis before one call probes it again. Default 5 s.</summary>
    public TimeSpan CircuitBreakerCoolDown { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a key's invalidation version is kept after an invalidation: a load that started before the
    /// invalidation and finishes within this time cannot store its stale value. Default 1 hour.
    /// </summary>
    public TimeSpan VersionRetention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The serializer; default System.Text.Json (<see cref="SystemTextJsonCacheSerializer"/>).</summary>
    public ICacheSerializer Serializer { get; set; } = new SystemTextJsonCacheSerializer();

    /// <summary>The clock of the circuit breaker (tests replace it).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal void Validate()
    {
        if (Connection is null && string.IsNullOrWhiteSpace(Configuration))
        {
            throw new InvalidOperationException("CachingGen.Redis: set a configuration string (UseRedis(\"127.0.0.1:6379\")) or a connection.");
        }

        if (OperationTimeout <= TimeSpan.Zero || ConnectTimeout <= TimeSpan.Zero || CircuitBreakerCoolDown <= TimeSpan.Zero || VersionRetention <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("CachingGen.Redis: timeouts, cool-down and version retention must be positive.");
        }

        if (CircuitBreakerFailures < 1)
        {
            throw new InvalidOperationException("CachingGen.Redis: CircuitBreakerFailures must be at least 1.");
        }

        ArgumentNullException.ThrowIfNull(Serializer);
        ArgumentNullException.ThrowIfNull(KeyPrefix);
    }
}
