namespace CachingGen.Redis.Tests;

/// <summary>
/// A write with several invalidations (keys and a prefix, in different hash slots on a cluster) through the one script per
/// slot: every old value gone from both levels when it returns, and the keys under the prefix removed from Redis after.
/// </summary>
public sealed class WriteInvalidationTests
{
    [Theory]
    [InlineData("node")]
    [InlineData("cluster")]
    public async Task A_write_with_keys_and_a_prefix_leaves_no_old_value_and_frees_the_prefixs_keys(string topology)
    {
        var configuration = topology == "node" ? RedisEnvironment.Node : RedisEnvironment.Cluster;
        var db = new SharedDatabase();
        var prefix = RedisEnvironment.NewPrefix();
        await using var app = RedisEnvironment.CreateInstance(db, configuration, prefix);
        await RedisEnvironment.ConnectedAsync(app);
        using var raw = await RedisEnvironment.RawAsync(configuration);
        var store = app.GetRequiredService<IBalanceStore>();
        var cache = app.GetRequiredService<CachingGenCache>();
        var before = await store.FindAsync(1);
        await store.ForUserAsync(before!.UserId);
        await store.ForUserTokenAsync(before.UserId, before.TokenId);
        await store.ForUserTokenAsync(before.UserId, before.TokenId + 1);
        string[] removed = ["bal:1", $"bal:user:{before.UserId}", $"bal:user:{before.UserId}:token:{before.TokenId}", $"bal:user:{before.UserId}:token:{before.TokenId + 1}"];
        await Eventually.TrueAsync(async () => (await Task.WhenAll(removed.Select(k => raw.GetDatabase().KeyExistsAsync(prefix + "{" + k + "}")))).All(x => x), "the L2 writes");

        // Four invalidations: bal:<id>, bal:speculative:<id>, bal:user:<userId> and the prefix bal:user:<userId>:.
        await store.CreditAsync(1, before.UserId, 5m);

        foreach (var key in removed[..2])
        {
            Assert.False(await raw.GetDatabase().KeyExistsAsync(prefix + "{" + key + "}"), key + " still in Redis when the write returned");
        }

        Assert.False(cache.Store.TryGet<Balance?>("bal:1", out _), "bal:1 still in L1");
        foreach (var key in removed[1..])
        {
            Assert.False(cache.Store.TryGet<IReadOnlyList<Balance>>(key, out _), key + " still in L1");
        }

        // The prefix's keys are no longer served at once; their values leave Redis off the write's path.
        foreach (var key in removed[2..])
        {
            await Eventually.TrueAsync(async () => !await raw.GetDatabase().KeyExistsAsync(prefix + "{" + key + "}"), key + " to be removed from Redis");
        }

        Assert.Equal(before.Amount + 5m, (await store.FindAsync(1))!.Amount);
        var tokens = await store.ForUserTokenAsync(before.UserId, before.TokenId);
        Assert.Equal(db.ForUser(before.UserId).Where(b => b.TokenId == before.TokenId).Sum(b => b.Amount), tokens.Sum(b => b.Amount));
    }
}
