using CachingGen.Distributed;

namespace CachingGen.Redis.Tests;

/// <summary>The level options, and the overload that takes an existing connection.</summary>
public sealed class LevelModeTests
{
    [Fact]
    public async Task Local_only_never_writes_to_Redis()
    {
        var db = new SharedDatabase();
        var prefix = RedisEnvironment.NewPrefix();
        await using var app = RedisEnvironment.CreateInstance(db, RedisEnvironment.Node, prefix, CacheLevels.LocalOnly);
        using var raw = await RedisEnvironment.RawAsync(RedisEnvironment.Node);
        var repository = app.GetRequiredService<IBalanceStore>();

        await repository.FindAsync(1);
        await repository.FindAsync(1);
        await Task.Delay(200);

        Assert.Equal(1, db.Calls(nameof(IBalanceStore.FindAsync)));
        Assert.Null(app.GetRequiredService<CachingGenCache>().Distributed);
        Assert.False(await raw.GetDatabase().KeyExistsAsync(prefix + "{bal:1}"));
    }

    [Fact]
    public async Task Distributed_only_keeps_nothing_in_process()
    {
        var db = new SharedDatabase();
        var prefix = RedisEnvironment.NewPrefix();
        await using var app = RedisEnvironment.CreateInstance(db, RedisEnvironment.Node, prefix, CacheLevels.DistributedOnly);
        await RedisEnvironment.ConnectedAsync(app);
        using var raw = await RedisEnvironment.RawAsync(RedisEnvironment.Node);
        var repository = app.GetRequiredService<IBalanceStore>();

        await repository.FindAsync(2);
        await Eventually.TrueAsync(() => raw.GetDatabase().KeyExistsAsync(prefix + "{bal:2}"), "the L2 write");
        var again = await repository.FindAsync(2);

        Assert.Equal(db.Find(2), again);
        Assert.Equal(1, db.Calls(nameof(IBalanceStore.FindAsync)));
        Assert.False(app.GetRequiredService<CachingGenCache>().Store.TryGet<Balance?>("bal:2", out _));
    }

    [Fact]
    public async Task An_existing_connection_is_used_and_left_open()
    {
        var db = new SharedDatabase();
        var prefix = RedisEnvironment.NewPrefix();
        using var connection = await RedisEnvironment.RawAsync(RedisEnvironment.Node);
        var services = new ServiceCollection();
        services.AddSingleton(db);
        services.AddScoped<IBalanceStore, BalanceStore>();
        services.AddCachingGen(o => o.UseRedis(connection, r => r.KeyPrefix = prefix));
        services.Configure<RedisCacheOptions>(r => r.OperationTimeout = TimeSpan.FromSeconds(1));

        await using (var app = services.BuildServiceProvider())
        {
            var level = await RedisEnvironment.ConnectedAsync(app);
            Assert.Same(connection, level.Connection);
            await app.GetRequiredService<IBalanceStore>().FindAsync(3);
            await Eventually.TrueAsync(() => connection.GetDatabase().KeyExistsAsync(prefix + "{bal:3}"), "the L2 write");
        }

        Assert.True(connection.IsConnected);
    }
}
