using Microsoft.Extensions.Hosting;

namespace CachingGen.Postgres.Internals;

/// <summary>
/// Starts the feed with the host. Hosted services start before the server takes requests, and this one returns only once
/// every change committed before it is applied: no request is answered from a cache those changes make stale.
/// </summary>
internal sealed class PostgresChangeFeedStartup(PostgresChangeFeed feed) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => feed.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => feed.StopAsync();
}
