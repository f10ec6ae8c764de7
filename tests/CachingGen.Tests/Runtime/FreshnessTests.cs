using CachingGen.Distributed;

namespace CachingGen.Tests.Runtime;

/// <summary>
/// Once an invalidation has returned, no read in this process returns the value it made stale. Each test forces
/// one interleaving with gates, so it fails the same way every run when the guarantee is broken.
/// </summary>
public sealed class FreshnessTests
{
    private static readonly ReadAndWrite Methods = ReadAndWrite.On("f:<id>", "Tests.Freshness.Read", "Tests.Freshness.Write");

    [Fact]
    public async Task A_caller_arriving_after_the_invalidation_does_not_join_a_load_that_read_the_old_value()
    {
        var cache = new CachingGenCache(new InProcessCacheStore());
        var database = 1;
        var loadRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // A load reads the database (1) and is held before it returns.
        var old = CacheOperations.GetOrLoadAsync(cache, "f:1", Methods.Read, async _ =>
        {
            var value = database;
            loadRead.SetResult();
            await release.Task;
            return value;
        }, CancellationToken.None).AsTask();
        await loadRead.Task;

        // The write commits and its invalidation returns.
        database = 2;
        await CacheOperations.InvalidateAsync(cache, "f:1", Methods.Write);

        // A read that starts now must see 2, not join the load holding 1.
        var fresh = CacheOperations.GetOrLoadAsync(cache, "f:1", Methods.Read, _ => ValueTask.FromResult(database), CancellationToken.None).AsTask();
        release.SetResult();

        Assert.Equal(1, await old);
        Assert.Equal(2, await fresh);
        Assert.True(cache.Store.TryGet<int>("f:1", out var entry) && entry.Value == 2, "only the fresh value may be stored");
    }

    [Fact]
    public async Task A_read_of_the_old_distributed_value_during_the_invalidation_does_not_refill_the_local_level()
    {
        var (cache, level, gate) = BothLevelsHoldingOld("f:2");

        // The invalidation removes the key in process, then waits at the distributed removal.
        var invalidation = CacheOperations.InvalidateAsync(cache, "f:2", Methods.Write).AsTask();
        await level.RemovalStarted.Task;

        // Meanwhile a read misses in process and finds the old value still in the distributed level.
        var during = await CacheOperations.GetOrLoadAsync(cache, "f:2", Methods.Read, _ => ValueTask.FromResult("new"), CancellationToken.None);
        Assert.Equal("old", during);

        // The distributed removal completes and the invalidation returns: nothing may serve "old" any more.
        gate.SetResult();
        await invalidation;

        Assert.False(CacheOperations.TryGetLocal<string>(cache, "f:2", Methods.Read, out _), "the old value must not be back in process");
        Assert.Equal("new", await CacheOperations.GetOrLoadAsync(cache, "f:2", Methods.Read, _ => ValueTask.FromResult("new"), CancellationToken.None));
    }

    [Fact]
    public async Task A_writes_invalidations_reach_the_distributed_level_together_and_all_are_gone_when_it_returns()
    {
        var (cache, level, gate) = BothLevelsHoldingOld("f:a", "f:b", "f:p:1");

        var write = CacheOperations.InvalidateAllAsync(cache, Methods.Write, CacheInvalidation.Key("f:a"), CacheInvalidation.Key("f:b"), CacheInvalidation.Prefix("f:p:")).AsTask();

        // Both exact removals are at the level before either finished: sent together, not one after the other.
        for (var i = 0; i < 500 && level.RemovalsStarted < 2; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(2, level.RemovalsStarted);
        Assert.False(write.IsCompleted, "the write must not return while Redis may still hold an old value");
        gate.SetResult();
        await write;

        foreach (var key in new[] { "f:a", "f:b", "f:p:1" })
        {
            Assert.False(level.TryGet<string>(key, [], 0).Found, key + " still in the distributed level");
        }

        Assert.Equal(3, cache.Statistics.Find("Tests.Freshness.Write")!.Invalidations);
    }

    [Fact]
    public async Task A_key_removed_by_hand_is_not_refilled_by_a_read_of_the_old_distributed_value()
    {
        var (cache, level, gate) = BothLevelsHoldingOld("f:4");

        var removal = cache.RemoveAsync("f:4").AsTask();
        await level.RemovalStarted.Task;
        Assert.Equal("old", await CacheOperations.GetOrLoadAsync(cache, "f:4", Methods.Read, _ => ValueTask.FromResult("new"), CancellationToken.None));

        gate.SetResult();
        await removal;

        Assert.False(CacheOperations.TryGetLocal<string>(cache, "f:4", Methods.Read, out _), "the old value must not be back in process");
    }

    [Fact]
    public async Task A_synchronous_read_of_the_old_distributed_value_during_the_invalidation_does_not_refill_the_local_level()
    {
        var (cache, level, gate) = BothLevelsHoldingOld("f:3");

        var invalidation = CacheOperations.InvalidateAsync(cache, "f:3", Methods.Write).AsTask();
        await level.RemovalStarted.Task;
        Assert.Equal("old", CacheOperations.GetOrLoad(cache, "f:3", Methods.Read, () => "new"));

        gate.SetResult();
        await invalidation;

        Assert.False(CacheOperations.TryGetLocal<string>(cache, "f:3", Methods.Read, out _), "the old value must not be back in process");
        Assert.Equal("new", CacheOperations.GetOrLoad(cache, "f:3", Methods.Read, () => "new"));
    }

    /// <summary>
    /// A cache on both levels whose distributed level holds "old" under <paramref name="keys"/> and holds every removal at
    /// <c>gate</c> until the test opens it: the window in which a read could bring the old value back in process.
    /// </summary>
    private static (CachingGenCache Cache, GatedLevel Level, TaskCompletionSource Gate) BothLevelsHoldingOld(params string[] keys)
    {
        var level = new GatedLevel();
        var cache = new CachingGenCache(new InProcessCacheStore(), level, CacheLevels.Both);
        foreach (var key in keys)
        {
            level.Put(key, "old");
        }

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        level.RemovalGate = gate;
        return (cache, level, gate);
    }
}
