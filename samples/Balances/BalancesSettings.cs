namespace Balances;

/// <summary>
/// How the service runs: its database, whether CachingGen is on, Redis when configured, and the cache's clock (the
/// outage demo of <c>load</c> runs it fast, so TTLs of minutes end within seconds; null: the system clock).
/// </summary>
/// <param name="Traces">Where traces go: null (nowhere), <c>console</c>, or <c>otlp</c> (to OTEL_EXPORTER_OTLP_ENDPOINT).</param>
/// <param name="ChangeFeed">Whether PostgreSQL's change feed invalidates the cache for writes made elsewhere (needs <c>wal_level = logical</c>).</param>
/// <param name="OperatorPassword">The password of the user <c>ops</c> of the operations endpoints (<c>/cachinggen</c>); development default.</param>
public sealed record BalancesSettings(string ConnectionString, bool Caching = true, string? Redis = null, string RedisKeyPrefix = "balances:", System.TimeProvider? CacheClock = null, string? Traces = null, bool ChangeFeed = false, string OperatorPassword = BalancesSettings.DevelopmentOperatorPassword)
{
    /// <summary>The development password of the operations endpoints: set BALANCES_OPS_PASSWORD anywhere else.</summary>
    public const string DevelopmentOperatorPassword = "ops-dev-password";
}
