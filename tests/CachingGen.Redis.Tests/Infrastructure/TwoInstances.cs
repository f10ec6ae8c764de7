using CachingGen.Distributed;
using StackExchange.Redis;

namespace CachingGen.Redis.Tests.Infrastructure;

/// <summary>
/// Two app instances over one database and one Redis (own containers, multiplexers and in-process stores), both
/// connected, plus a raw client to look at Redis directly.
/// </summary>
public sealed class TwoInstances : IAsyncDisposable
{
    private TwoInstances(ServiceProvider a, ServiceProvider b, RedisCacheLevel levelB, IConnectionMultiplexer raw, string prefix)
    {
        A = a;
        B = b;
        LevelB = levelB;
        Raw = raw;
        Prefix = prefix;
    }

    public ServiceProvider A { get; }

    public ServiceProvider B { get; }

    public RedisCacheLevel LevelB { get; }

    public IConnectionMultiplexer Raw { get; }

    public string Prefix { get; }

    public static async Task<TwoInstances> StartAsync(SharedDatabase db, string configuration, CacheLevels levels = CacheLevels.Both)
    {
        var prefix = RedisEnvironment.NewPrefix();
        var a = RedisEnvironment.CreateInstance(db, configuration, prefix, levels);
        var b = RedisEnvironment.CreateInstance(db, configuration, prefix, levels);
        await RedisEnvironment.ConnectedAsync(a);
        var levelB = await RedisEnvironment.ConnectedAsync(b);
        return new TwoInstances(a, b, levelB, await RedisEnvironment.RawAsync(configuration), prefix);
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        Raw.Dispose();
    }
}
