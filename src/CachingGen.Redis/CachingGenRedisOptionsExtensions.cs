using CachingGen.DependencyInjection;
using CachingGen.Redis;
using CachingGen.Redis.Internals;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CachingGen;

/// <summary><c>o.UseRedis(...)</c> for <c>services.AddCachingGen(o => ...)</c>.</summary>
public static class CachingGenRedisOptionsExtensions
{
    /// <summary>
    /// Puts Redis behind the in-process store: <c>services.AddCachingGen(o =&gt; o.UseRedis("127.0.0.1:6379"))</c>.
    /// Options can also be set with <c>services.Configure&lt;RedisCacheOptions&gt;(...)</c>.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "The overloads differ in their required connection argument (a string or a multiplexer), so no call is ambiguous.")]
    public static CachingGenOptions UseRedis(this CachingGenOptions options, string configuration, Action<RedisCacheOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        return options.UseRedis(redis => redis.Configuration = configuration, configure);
    }

    /// <summary>Uses an existing connection (which CachingGen does not dispose).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "The overloads differ in their required connection argument (a string or a multiplexer), so no call is ambiguous.")]
    public static CachingGenOptions UseRedis(this CachingGenOptions options, IConnectionMultiplexer connection, Action<RedisCacheOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(connection);
        return options.UseRedis(redis => redis.Connection = connection, configure);
    }

    /// <summary>The registrations of both overloads: the options set by <paramref name="connect"/> (the overload's connection), then by the caller's <paramref name="configure"/>.</summary>
    private static CachingGenOptions UseRedis(this CachingGenOptions options, Action<RedisCacheOptions> connect, Action<RedisCacheOptions>? configure)
    {
        options.AddServices(services =>
        {
            services.AddOptions<RedisCacheOptions>().Configure(redis =>
            {
                connect(redis);
                configure?.Invoke(redis);
            });
            // One connection for the level and the backplane, disposed by the container.
            services.TryAddSingleton(sp => new RedisConnection(sp.GetRequiredService<IOptions<RedisCacheOptions>>().Value, sp.GetService<ILoggerFactory>()));
            // The level publishes the backplane's messages from its removal scripts: one round trip and one message per write,
            // and no instance can receive a message before Redis has dropped the value.
            services.TryAddSingleton(sp => new RedisCacheLevel(sp.GetRequiredService<RedisConnection>(), ownsConnection: false, publishesFor: sp.GetRequiredService<RedisBackplane>()));
            services.TryAddSingleton(sp => new RedisBackplane(sp.GetRequiredService<RedisConnection>(), ownsConnection: false));

            // Connect when the host starts (bounded by ConnectTimeout), not on the first request.
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RedisStartup>());
        });
        options.DistributedFactory = sp => sp.GetRequiredService<RedisCacheLevel>();
        options.BackplaneFactory = sp => sp.GetRequiredService<RedisBackplane>();
        return options;
    }
}
