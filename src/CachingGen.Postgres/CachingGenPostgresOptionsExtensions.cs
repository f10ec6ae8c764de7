using CachingGen.DependencyInjection;
using CachingGen.Postgres;
using CachingGen.Postgres.Internals;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CachingGen;

/// <summary><c>o.UsePostgresChangeFeed(...)</c> for <c>services.AddCachingGen(o => ...)</c>.</summary>
public static class CachingGenPostgresOptionsExtensions
{
    /// <summary>
    /// Invalidates cached reads for every committed row change in PostgreSQL, whoever made it (another service, a
    /// script, <c>psql</c>, a trigger): <c>o.UseRedis(…).UsePostgresChangeFeed("Host=…")</c>. Needs
    /// <c>wal_level = logical</c> and a role with <c>REPLICATION</c>; see README, "Writes from anywhere".
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "The overloads differ in their required connection argument (a string or a data source), so no call is ambiguous.")]
    public static CachingGenOptions UsePostgresChangeFeed(this CachingGenOptions options, string connectionString, Action<PostgresChangeFeedOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return options.UseFeed(feed => feed.ConnectionString = connectionString, configure);
    }

    /// <summary>Like the string overload, with the connection string of <paramref name="dataSource"/> (which CachingGen does not dispose).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "The overloads differ in their required connection argument (a string or a data source), so no call is ambiguous.")]
    public static CachingGenOptions UsePostgresChangeFeed(this CachingGenOptions options, NpgsqlDataSource dataSource, Action<PostgresChangeFeedOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dataSource);
        return options.UseFeed(feed => feed.DataSource = dataSource, configure);
    }

    /// <summary>The registrations of both overloads: the feed's options set by <paramref name="connect"/> (the overload's connection), then by the caller's <paramref name="configure"/>.</summary>
    private static CachingGenOptions UseFeed(this CachingGenOptions options, Action<PostgresChangeFeedOptions> connect, Action<PostgresChangeFeedOptions>? configure)
    {
        options.AddServices(services =>
        {
            services.AddOptions<PostgresChangeFeedOptions>().Configure(feed =>
            {
                connect(feed);
                configure?.Invoke(feed);
            });
            services.TryAddSingleton<PostgresChangeFeed>();

            // A hosted service: StartAsync returns once every change committed before it is applied (see PostgresChangeFeed).
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PostgresChangeFeedStartup>());
        });
        return options;
    }
}
