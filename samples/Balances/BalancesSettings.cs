namespace Balances;

/// <summary>
/// How the service runs: its database, whether CachingGen is on, Redis when configured, and the cache's clock (the
/// outage demo of <c>load</c> runs it fast, so TTLs of minutes end within seconds; null: the system clock).
/// </summary>
public sealed record BalancesSettings(string ConnectionString, bool Caching = true, string? Redis = null, string RedisKeyPrefix = "balances:", System.TimeProvider? CacheClock = null);
