namespace Balances;

/// <summary>How the service runs: its database, whether CachingGen is on, and Redis when configured.</summary>
public sealed record BalancesSettings(string ConnectionString, bool Caching = true, string? Redis = null, string RedisKeyPrefix = "balances:");
