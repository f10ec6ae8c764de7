using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CachingGen.Redis.Internals;

/// <summary>
/// Connects to Redis when the host starts, not when the first request resolves the cache: the first invalidation
/// after a deploy would otherwise find no connection, be queued for replay, and leave other instances serving the
/// old value after the write returned. Start-up waits at most <see cref="RedisCacheOptions.ConnectTimeout"/>; if Redis
/// does not answer by then the host starts anyway (in-process only, until Redis answers) and says so.
/// </summary>
internal sealed partial class RedisStartup(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Building the cache builds the level and the backplane over the shared connection, and subscribes.
        _ = services.GetRequiredService<CachingGenCache>();
        var connection = services.GetRequiredService<RedisConnection>();
        if (!await connection.WaitConnectedAsync(connection.Options.ConnectTimeout, cancellationToken).ConfigureAwait(false))
        {
            LogNotConnected(connection.Logger, connection.Options.ConnectTimeout.TotalSeconds);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "CachingGen.Redis: Redis did not answer within {Seconds} s of start-up; the app starts with the in-process cache only and uses Redis once it answers.")]
    private static partial void LogNotConnected(ILogger logger, double seconds);
}
