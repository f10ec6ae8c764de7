using CachingGen.Distributed;
using StackExchange.Redis;

namespace CachingGen.Redis.Tests;

/// <summary>Two app instances in one process (own containers, multiplexers and in-process stores) sharing one real Redis.</summary>
public sealed class TwoLevelTests
{
    [Fact]
    public async Task A_value_loaded_by_one_instance_is_an_L2_hit_for_another_with_the_remaining_ttl()
    {
        var db = new SharedDatabase();
        await using var apps = await TwoInstances.StartAsync(db, RedisEnvironment.Node);
        var (a, b, raw, prefix) = (apps.A, apps.B, apps.Raw, apps.Prefix);

        var fromA = await a.GetRequiredService<IBalanceStore>().ForUserAsync(1);
        await Eventually.TrueAsync(() => raw.GetDatabase().KeyExistsAsync(prefix + "{bal:user:1}"), "the L2 write");
        await Task.Delay(1100);
        var fromB = await b.GetRequiredService<IBalanceStore>().ForUserAsync(1);

        Assert.Equal(fromA, fromB);
        Assert.Equal(1, db.Calls(nameof(IBalanceStore.ForUserAsync)));
        Assert.True(b.GetRequiredService<CachingGenCache>().Store.TryGet<IReadOnlyList<Balance>>("bal:user:1", out var l1));
        // The in-process store's clock is Environment.TickCount64 (ms): B's copy lives for what was left in Redis, not a fresh minute.
        var remainingMilliseconds = l1.ExpiresAt - Environment.TickCount64;
        Assert.InRange(remainingMilliseconds, 50_000, 59_500);

        var pttl = await raw.GetDatabase().KeyTimeToLiveAsync(prefix + "{bal:user:1}");
        Assert.NotNull(pttl);
        Assert.InRange(pttl.Value.TotalSeconds, 50, 60);
    }

    [Fact]
    public async Task Self_calls_intercepted_on_one_instance_invalidate_through_its_Redis_level_and_backplane()
    {
        var db = new SharedDatabase();
        await using var apps = await TwoInstances.StartAsync(db, RedisEnvironment.Node);
        var (a, b, raw, prefix) = (apps.A, apps.B, apps.Raw, apps.Prefix);
        await Eventually.TrueAsync(async () => await raw.GetServer(raw.GetEndPoints()[0]).SubscriptionSubscriberCountAsync(RedisChannel.Literal(prefix + "invalidations")) >= 2, "both subscriptions");
        var storeB = b.GetRequiredService<IBalanceStore>();
        var before1 = await storeB.FindAsync(1);
        var before4 = await storeB.FindAsync(4);
        await Eventually.TrueAsync(() => raw.GetDatabase().KeyExistsAsync(prefix + "{bal:4}"), "the L2 write");

        // Through A's decorator, which forwards TransferAsync; its two CreditAsync self-calls are intercepted and use
        // A's cache: its counters, its Redis level, its backplane.
        await a.GetRequiredService<IBalanceStore>().TransferAsync(1, 4, 5m);

        await Eventually.TrueAsync(() => !b.GetRequiredService<CachingGenCache>().Store.TryGet<Balance?>("bal:4", out _), "B's L1 copy dropped by the backplane");
        Assert.False(await raw.GetDatabase().KeyExistsAsync(prefix + "{bal:4}"));
        Assert.Equal(before1!.Amount - 5m, (await storeB.FindAsync(1))!.Amount);
        Assert.Equal(before4!.Amount + 5m, (await storeB.FindAsync(4))!.Amount);
        var credits = a.GetRequiredService<CachingGenCache>().Statistics.Find("CachingGen.Redis.Tests.Infrastructure.BalanceStore.CreditAsync");
        Assert.NotNull(credits);
        Assert.Equal(2 * 4, credits.Invalidations);   // two calls × four templates, counted once each in A's cache
    }

    [Fact]
    public async Task An_invalidation_on_one_instance_drops_the_other_instances_L1_copy()
    {
        var db = new SharedDatabase();
        await using var apps = await TwoInstances.StartAsync(db, RedisEnvironment.Node);
        var (a, b, raw, prefix) = (apps.A, apps.B, apps.Raw, apps.Prefix);
        var levelB = apps.LevelB;
        await Eventually.TrueAsync(async () => await raw.GetServer(raw.GetEndPoints()[0]).SubscriptionSubscriberCountAsync(RedisChannel.Literal(prefix + "invalidations")) >= 2, "both subscriptions");

        var before = await b.GetRequiredService<IBalanceStore>().FindAsync(1);
        var cacheB = b.GetRequiredService<CachingGenCache>();
        Assert.True(cacheB.Store.TryGet<Balance?>("bal:1", out _));

        await a.GetRequiredService<IBalanceStore>().CreditAsync(1, 1, 5m);

        await Eventually.TrueAsync(() => !cacheB.Store.TryGet<Balance?>("bal:1", out _), "instance B's L1 to drop bal:1", 5_000);
        var after = await b.GetRequiredService<IBalanceStore>().FindAsync(1);
        Assert.Equal(before!.Amount + 5m, after!.Amount);
        Assert.False(levelB.IsCircuitOpen);
    }

    [Fact]
    public async Task A_speculative_load_runs_the_repository_alongside_Redis_and_a_Redis_hit_wins()
    {
        var db = new SharedDatabase();
        await using var apps = await TwoInstances.StartAsync(db, RedisEnvironment.Node);
        var (a, b, raw, prefix) = (apps.A, apps.B, apps.Raw, apps.Prefix);

        var fromA = await a.GetRequiredService<IBalanceStore>().FindSpeculativelyAsync(2);
        await Eventually.TrueAsync(() => raw.GetDatabase().KeyExistsAsync(prefix + "{bal:speculative:2}"), "the L2 write");
        db.Credit(2, 1000m); // the repository now answers differently: only Redis still has A's value
        var fromB = await b.GetRequiredService<IBalanceStore>().FindSpeculativelyAsync(2);

        Assert.Equal(fromA, fromB);
        Assert.Equal(2, db.Calls(nameof(IBalanceStore.FindSpeculativelyAsync)));
        Assert.Equal(1, b.GetRequiredService<CachingGenCache>().Statistics.GetSnapshot().Single(m => m.Method.EndsWith("FindSpeculativelyAsync", StringComparison.Ordinal)).DistributedHits);

        // A write invalidates it like any cached read: on the other instance, once the invalidation message arrives.
        await a.GetRequiredService<IBalanceStore>().CreditAsync(2, 1, 1m);
        await Eventually.TrueAsync(async () => db.Find(2) == await b.GetRequiredService<IBalanceStore>().FindSpeculativelyAsync(2), "instance B to read the credited balance", 5_000);
    }

    [Fact]
    public async Task Prefix_invalidation_removes_every_key_under_the_prefix_in_both_levels_and_nothing_else()
        => await PrefixInvalidationAsync(RedisEnvironment.Node);

    [Fact]
    public async Task Prefix_invalidation_works_on_a_cluster()
        => await PrefixInvalidationAsync(RedisEnvironment.Cluster);

    [Fact]
    public async Task Two_instances_share_entries_on_a_cluster()
    {
        var db = new SharedDatabase();
        await using var apps = await TwoInstances.StartAsync(db, RedisEnvironment.Cluster, CacheLevels.DistributedOnly);
        var (a, b, raw, prefix) = (apps.A, apps.B, apps.Raw, apps.Prefix);

        for (var id = 1; id <= 6; id++)
        {
            await a.GetRequiredService<IBalanceStore>().FindAsync(id);
        }

        await Eventually.TrueAsync(async () => (await Task.WhenAll(Enumerable.Range(1, 6).Select(id => raw.GetDatabase().KeyExistsAsync(prefix + "{bal:" + id + "}")))).All(x => x), "the L2 writes");
        for (var id = 1; id <= 6; id++)
        {
            Assert.Equal(db.Find(id), await b.GetRequiredService<IBalanceStore>().FindAsync(id));
        }

        Assert.Equal(6, db.Calls(nameof(IBalanceStore.FindAsync)));
    }

    private static async Task PrefixInvalidationAsync(string configuration)
    {
        var db = new SharedDatabase();
        var prefix = RedisEnvironment.NewPrefix();
        await using var a = RedisEnvironment.CreateInstance(db, configuration, prefix);
        var level = await RedisEnvironment.ConnectedAsync(a);
        using var raw = await RedisEnvironment.RawAsync(configuration);
        var store = a.GetRequiredService<IBalanceStore>();
        var cache = a.GetRequiredService<CachingGenCache>();

        await store.ForUserTokenAsync(1, 0);
        await store.ForUserTokenAsync(1, 1);
        await store.ForUserTokenAsync(2, 0);
        await store.ForUserAsync(1);
        string[] underPrefix = ["bal:user:1:token:0", "bal:user:1:token:1"];
        string[] outside = ["bal:user:2:token:0", "bal:user:1"];
        await Eventually.TrueAsync(async () => (await Task.WhenAll(underPrefix.Concat(outside).Select(k => raw.GetDatabase().KeyExistsAsync(prefix + "{" + k + "}")))).All(x => x), "the L2 writes");

        await store.ResetUserAsync(1);

        foreach (var key in underPrefix)
        {
            // No longer served at once (the prefix version moved); the entries themselves are removed off the
            // caller's path, for memory.
            Assert.False((await level.TryGetAsync<IReadOnlyList<Balance>>(key, [key[..(key.IndexOf(":token", StringComparison.Ordinal) + 1)]], ForUserTokenShape(), CancellationToken.None)).Found, key + " still served by Redis");
            Assert.False(cache.Store.TryGet<IReadOnlyList<Balance>>(key, out _), key + " still in L1");
            await Eventually.TrueAsync(async () => !await raw.GetDatabase().KeyExistsAsync(prefix + "{" + key + "}"), key + " to be removed from Redis");
        }

        foreach (var key in outside)
        {
            Assert.True(await raw.GetDatabase().KeyExistsAsync(prefix + "{" + key + "}"), key + " removed from Redis");
            Assert.True(cache.Store.TryGet<IReadOnlyList<Balance>>(key, out _), key + " removed from L1");
        }

        var reloaded = await store.ForUserTokenAsync(1, 0);
        Assert.All(reloaded, b => Assert.Equal(0m, b.Amount));
    }

    // The shape the generator computed for ForUserTokenAsync's result, read from its generated descriptor.
    private static uint ForUserTokenShape()
        => typeof(IBalanceStore).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly))
            .Where(f => f.FieldType == typeof(CachingGen.Infrastructure.CacheMethod))
            .Select(f => (CachingGen.Infrastructure.CacheMethod)f.GetValue(null)!)
            .Single(m => m.Method.EndsWith("BalanceStore.ForUserTokenAsync", StringComparison.Ordinal))
            .ResultShape;
}
