using System.Collections.Generic;
using System.Threading;
using CachingGen.Postgres.Internals;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CachingGen.Postgres.Tests.Infrastructure;

/// <summary>
/// One application instance with the change feed: a container with AddCachingGen(UsePostgresChangeFeed), its hosted
/// services started as a host starts them. <see cref="SyncAsync"/> writes a marker and waits until the feed applied it,
/// so a test knows every earlier commit was applied without sleeping.
/// </summary>
internal sealed class FeedApp : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly List<IHostedService> _hosted;
    private bool _stopped;

    private FeedApp(ServiceProvider services, string connectionString, List<string> logs)
    {
        _services = services;
        Logs = logs;
        ConnectionString = connectionString;
        _hosted = services.GetServices<IHostedService>().ToList();
    }

    public string ConnectionString { get; }

    public LoadCounter Loads => _services.GetRequiredService<LoadCounter>();

    public IAccounts Accounts => _services.GetRequiredService<IAccounts>();

    public CachingGenCache Cache => _services.GetRequiredService<CachingGenCache>();

    public PostgresChangeFeed Feed => _services.GetRequiredService<PostgresChangeFeed>();

    public List<string> Logs { get; }

    public static async Task<FeedApp> StartAsync(string connectionString, string slot, Action<CachingGen.DependencyInjection.CachingGenOptions>? more = null, Action<PostgresChangeFeedOptions>? configure = null)
    {
        var logs = new List<string>();
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddProvider(new ListLogger(logs)).SetMinimumLevel(LogLevel.Information));
        services.AddSingleton(NpgsqlDataSource.Create(connectionString));
        services.AddSingleton<LoadCounter>();
        services.AddSingleton<IAccounts, Accounts>();
        services.AddCachingGen(o =>
        {
            more?.Invoke(o);
            o.UsePostgresChangeFeed(connectionString, feed =>
            {
                feed.SlotName = slot;
                feed.PublicationName = slot;
                feed.HeartbeatInterval = TimeSpan.FromMilliseconds(300);
                feed.TakeoverInterval = TimeSpan.FromMilliseconds(300);
                feed.MaxReconnectDelay = TimeSpan.FromSeconds(1);
                feed.StartTimeout = TimeSpan.FromSeconds(20);
                configure?.Invoke(feed);
            });
        });
        var provider = services.BuildServiceProvider();
        var app = new FeedApp(provider, connectionString, logs);
        foreach (var hosted in app._hosted)
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return app;
    }

    /// <summary>Waits until the feed of this instance (or the instance that consumes the slot) applied every commit made before the call.</summary>
    public async Task SyncAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Feed.SyncAsync(timeout.Token);
    }

    /// <summary>
    /// Runs <paramref name="sql"/> on a connection of its own, as another service or psql would, then <see cref="SyncAsync"/>:
    /// when this returns the feed has applied the write, so what the test reads next is what the feed made of it.
    /// </summary>
    public async Task WriteElsewhereAndSyncAsync(string sql)
    {
        await Schema.ExecuteAsync(ConnectionString, sql);
        await SyncAsync();
    }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        foreach (var hosted in Enumerable.Reverse(_hosted))
        {
            await hosted.StopAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _services.DisposeAsync();
    }

    private sealed class ListLogger(List<string> lines) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (lines)
            {
                lines.Add($"{logLevel}: {formatter(state, exception)}");
            }
        }
    }
}
