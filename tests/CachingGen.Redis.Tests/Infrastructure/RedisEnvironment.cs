using CachingGen.Distributed;
using StackExchange.Redis;

namespace CachingGen.Redis.Tests.Infrastructure;

/// <summary>
/// The Redis endpoints the tests use, from the environment (eng/test.sh starts them). A missing endpoint fails
/// the test with instructions; it never skips it.
/// </summary>
public static class RedisEnvironment
{
    public static string Node => Require("CACHINGGEN_REDIS", "one Redis node, for example 127.0.0.1:6379");

    public static string Cluster => Require("CACHINGGEN_REDIS_CLUSTER", "the comma-separated nodes of a 3-master Redis Cluster");

    public static string ServerBinary => Require("CACHINGGEN_REDIS_SERVER", "the path of redis-server");

    /// <summary>A fresh key prefix, so tests sharing one Redis never see each other's keys.</summary>
    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12] + ":";

    /// <summary>An app instance: its own container, multiplexer and in-process store.</summary>
    public static ServiceProvider CreateInstance(SharedDatabase db, string configuration, string prefix, CacheLevels levels = CacheLevels.Both, Action<RedisCacheOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(db);
        services.AddScoped<IBalanceStore, BalanceStore>();
        services.AddCachingGen(o =>
        {
            o.Levels = levels;
            o.UseRedis(configuration, redis =>
            {
                redis.KeyPrefix = prefix;
                redis.OperationTimeout = TimeSpan.FromSeconds(2);
                configure?.Invoke(redis);
            });
        });
        return services.BuildServiceProvider();
    }

    /// <summary>Waits until the instance's connection is up and its invalidation subscription is in place.</summary>
    public static async Task<RedisCacheLevel> ConnectedAsync(IServiceProvider services)
    {
        var level = services.GetRequiredService<RedisCacheLevel>();
        _ = services.GetRequiredService<CachingGenCache>();
        await Eventually.TrueAsync(() => level.Connection is { IsConnected: true }, "Redis connection");
        return level;
    }

    public static async Task<IConnectionMultiplexer> RawAsync(string configuration)
        => await ConnectionMultiplexer.ConnectAsync(configuration + ",allowAdmin=true");

    private static string Require(string name, string what)
    {
        var value = Environment.GetEnvironmentVariable(name);
        Assert.False(string.IsNullOrWhiteSpace(value), $"{name} is not set: it must name {what}. Run the tests with 'bash eng/test.sh', which starts Redis on loopback.");
        return value!;
    }
}

public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, int timeoutMilliseconds = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMilliseconds;
        while (!condition())
        {
            Assert.True(Environment.TickCount64 < deadline, $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int timeoutMilliseconds = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMilliseconds;
        while (!await condition())
        {
            Assert.True(Environment.TickCount64 < deadline, $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }
}
