namespace CachingGen.Redis.Tests;

/// <summary>Stampede protection and the race guard, against real Redis.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task A_thousand_concurrent_misses_make_one_repository_call()
    {
        var db = new SharedDatabase { Delay = TimeSpan.FromMilliseconds(50) };
        await using var app = RedisEnvironment.CreateInstance(db, RedisEnvironment.Node, RedisEnvironment.NewPrefix());
        await RedisEnvironment.ConnectedAsync(app);
        var repository = app.GetRequiredService<IBalanceStore>();

        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => repository.ForUserAsync(2))));

        Assert.Equal(1, db.Calls(nameof(IBalanceStore.ForUserAsync)));
        Assert.All(results, r => Assert.Equal(db.ForUser(2), r));
    }

    [Fact]
    public async Task One_caller_cancelling_does_not_cancel_the_load_the_others_wait_for()
    {
        var db = new SharedDatabase { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var app = RedisEnvironment.CreateInstance(db, RedisEnvironment.Node, RedisEnvironment.NewPrefix());
        await RedisEnvironment.ConnectedAsync(app);
        var repository = app.GetRequiredService<IBalanceStore>();
        using var cancel = new CancellationTokenSource();

        var first = repository.ForUserAsync(3, cancel.Token);
        await db.LoadStarted.Task;
        var second = repository.ForUserAsync(3);
        await cancel.CancelAsync();
        db.Gate.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal(db.ForUser(3), await second);
        Assert.Equal(1, db.Calls(nameof(IBalanceStore.ForUserAsync)));
    }

    [Fact]
    public async Task A_slow_read_that_started_before_an_invalidation_never_stores_its_stale_value()
    {
        var db = new SharedDatabase { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var prefix = RedisEnvironment.NewPrefix();
        await using var reader = RedisEnvironment.CreateInstance(db, RedisEnvironment.Node, prefix);
        await using var writer = RedisEnvironment.CreateInstance(new SharedDatabase(), RedisEnvironment.Node, prefix);
        await RedisEnvironment.ConnectedAsync(reader);
        await RedisEnvironment.ConnectedAsync(writer);
        using var raw = await RedisEnvironment.RawAsync(RedisEnvironment.Node);

        // 1. The reader misses, reads the key's version from Redis, and is held inside the "database".
        var slowRead = reader.GetRequiredService<IBalanceStore>().FindAsync(6);
        await db.LoadStarted.Task;
        var stale = db.Find(6);

        // 2. Another instance writes and invalidates; the write is complete.
        db.Credit(6, 100m);
        await writer.GetRequiredService<IBalanceStore>().CreditAsync(6, 3, 0m);

        // 3. The slow read finishes with the value it read before the write.
        db.Gate.SetResult();
        Assert.Equal(stale, await slowRead);

        // Neither level may hold the stale value: the next read sees the write.
        await Task.Delay(300);
        Assert.False(await raw.GetDatabase().KeyExistsAsync(prefix + "{bal:6}"), "the stale value reached Redis");
        Assert.False(reader.GetRequiredService<CachingGenCache>().Store.TryGet<Balance?>("bal:6", out _), "the stale value reached L1");
        db.Gate = null;
        Assert.Equal(stale!.Amount + 100m, (await reader.GetRequiredService<IBalanceStore>().FindAsync(6))!.Amount);
    }

    [Fact]
    public async Task A_synchronous_cached_method_uses_both_levels()
    {
        var db = new SharedDatabase();
        await using var apps = await TwoInstances.StartAsync(db, RedisEnvironment.Node);
        var (a, b, raw, prefix) = (apps.A, apps.B, apps.Raw, apps.Prefix);

        var total = a.GetRequiredService<IBalanceStore>().Total(1);
        await Eventually.TrueAsync(() => raw.GetDatabase().KeyExistsAsync(prefix + "{bal:user:1:total}"), "the L2 write");

        Assert.Equal(total, b.GetRequiredService<IBalanceStore>().Total(1));
        Assert.Equal(1, db.Calls(nameof(IBalanceStore.Total)));
    }
}
