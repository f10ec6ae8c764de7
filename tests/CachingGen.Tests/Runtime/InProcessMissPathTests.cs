namespace CachingGen.Tests.Runtime;

/// <summary>The miss path with only the in-process store: load sharing, the stale-load guard, prefix removal.</summary>
public sealed class InProcessMissPathTests
{
    private static readonly ReadAndWrite Methods = ReadAndWrite.On("m:<id>", "Tests.InProcessMissPath.Load", "Tests.InProcessMissPath.Write");

    [Fact]
    public async Task Concurrent_misses_of_one_key_share_one_load()
    {
        var cache = new CachingGenCache(new InProcessCacheStore());
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loads = 0;

        var joined = 0;
        var callers = Enumerable.Range(0, 200).Select(_ => Task.Run(() =>
        {
            // The call returns its task once the caller has joined (or started) the load: counted then.
            var call = CacheOperations.GetOrLoadAsync(cache, "m:shared", Methods.Read, async _ =>
            {
                Interlocked.Increment(ref loads);
                await gate.Task;
                return 42;
            }, CancellationToken.None).AsTask();
            Interlocked.Increment(ref joined);
            return call;
        })).ToList();

        // Open the gate only when every caller is waiting on the load, however slow the machine.
        for (var i = 0; i < 1000 && Volatile.Read(ref joined) < 200; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(200, Volatile.Read(ref joined));
        gate.SetResult();

        Assert.All(await Task.WhenAll(callers), v => Assert.Equal(42, v));
        Assert.Equal(1, loads);
        Assert.True(cache.Store.TryGet<int>("m:shared", out _));
    }

    [Fact]
    public async Task A_miss_that_looked_before_the_previous_load_stored_is_served_from_the_store_not_loaded_again()
    {
        // The interleaving: caller B probes the store (empty), caller A's load stores the value and leaves the
        // flight table, then B reaches the miss path. B must take the stored value, not call the repository again.
        var cache = new CachingGenCache(new InProcessCacheStore());
        var loads = 0;
        ValueTask<int> Load(CancellationToken _)
        {
            Interlocked.Increment(ref loads);
            return ValueTask.FromResult(7);
        }

        Assert.False(CacheOperations.TryGetLocal<int>(cache, "m:late", Methods.Read, out _));                // B's probe
        Assert.Equal(7, await CacheOperations.GetOrLoadAsync(cache, "m:late", Methods.Read, Load, CancellationToken.None));   // A
        Assert.Equal(7, await CacheOperations.GetOrLoadAsync(cache, "m:late", Methods.Read, Load, default));                  // B
        using var cancellable = new CancellationTokenSource();
        Assert.Equal(7, await CacheOperations.GetOrLoadAsync(cache, "m:late", Methods.Read, Load, cancellable.Token));       // B, cancellable
        Assert.Equal(7, CacheOperations.GetOrLoad(cache, "m:late", Methods.Read, () => { Interlocked.Increment(ref loads); return 7; }));

        Assert.Equal(1, loads);
        var stats = cache.Statistics.Find(Methods.Read.Method)!;
        Assert.Equal((3L, 1L), (stats.Hits, stats.Misses));
    }

    [Fact]
    public async Task A_miss_with_a_cancelled_token_starts_no_load()
    {
        var cache = new CachingGenCache(new InProcessCacheStore());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var loads = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await CacheOperations.GetOrLoadAsync(cache, "m:cancelled", Methods.Read, _ =>
        {
            Interlocked.Increment(ref loads);
            return ValueTask.FromResult(1);
        }, cancelled.Token));

        Assert.Equal(0, loads);
        Assert.False(cache.Store.TryGet<int>("m:cancelled", out _));
    }

    [Fact]
    public async Task Bursts_of_concurrent_misses_make_one_load_per_key()
    {
        // Bounded stress of the same race: 8 callers per key, released together, 500 keys.
        var cache = new CachingGenCache(new InProcessCacheStore());
        var loads = 0;
        for (var key = 0; key < 500; key++)
        {
            var text = "m:burst:" + key;
            var callers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                if (CacheOperations.TryGetLocal<int>(cache, text, Methods.Read, out var hit))
                {
                    return hit.Value;
                }

                return await CacheOperations.GetOrLoadAsync(cache, text, Methods.Read, async _ =>
                {
                    Interlocked.Increment(ref loads);
                    await Task.Yield();
                    return 1;
                }, CancellationToken.None);
            }));
            Assert.All(await Task.WhenAll(callers), v => Assert.Equal(1, v));
        }

        Assert.Equal(500, loads);
    }

    [Fact]
    public async Task A_load_running_when_its_key_is_invalidated_is_returned_but_not_stored()
    {
        var cache = new CachingGenCache(new InProcessCacheStore());
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var slow = CacheOperations.GetOrLoadAsync(cache, "m:race", Methods.Read, async _ =>
        {
            started.SetResult();
            await gate.Task;
            return "old";
        }, CancellationToken.None).AsTask();
        await started.Task;
        await CacheOperations.InvalidateAsync(cache, "m:race", Methods.Write);
        gate.SetResult();

        Assert.Equal("old", await slow);
        Assert.False(cache.Store.TryGet<string>("m:race", out _));
    }

    [Fact]
    public async Task A_load_that_throws_fails_every_waiting_caller_and_stores_nothing()
    {
        var cache = new CachingGenCache(new InProcessCacheStore());
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var callers = Enumerable.Range(0, 10).Select(_ => CacheOperations.GetOrLoadAsync<int>(cache, "m:throws", Methods.Read, async _ =>
        {
            await gate.Task;
            throw new InvalidOperationException("db down");
        }, CancellationToken.None).AsTask()).ToList();
        gate.SetResult();

        foreach (var caller in callers)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => caller);
        }

        Assert.False(cache.Store.TryGet<int>("m:throws", out _));
        Assert.Equal(7, await CacheOperations.GetOrLoadAsync(cache, "m:throws", Methods.Read, _ => ValueTask.FromResult(7), CancellationToken.None));
    }

    [Fact]
    public async Task A_caller_that_cannot_cancel_keeps_the_shared_load_going_when_the_others_cancel()
    {
        var cache = new CachingGenCache(new InProcessCacheStore());
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loadToken = CancellationToken.None;

        var owner = CacheOperations.GetOrLoadAsync(cache, "m:owner", Methods.Read, async token =>
        {
            loadToken = token;
            await gate.Task;
            return 5;
        }, CancellationToken.None).AsTask();
        using var cancel = new CancellationTokenSource();
        var joiner = CacheOperations.GetOrLoadAsync(cache, "m:owner", Methods.Read, _ => ValueTask.FromResult(-1), cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => joiner);
        Assert.False(loadToken.IsCancellationRequested);
        gate.SetResult();
        Assert.Equal(5, await owner);
        Assert.True(cache.Store.TryGet<int>("m:owner", out var entry) && entry.Value == 5);
    }

    [Fact]
    public async Task A_failed_load_waited_for_through_cancellable_tokens_leaves_no_unobserved_exception()
    {
        var cache = new CachingGenCache(new InProcessCacheStore());
        var unobserved = 0;
        void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e)
        {
            if (e.Exception.InnerExceptions.Any(x => x.Message == "db down (cancellable)"))
            {
                Interlocked.Increment(ref unobserved);
            }
        }

        TaskScheduler.UnobservedTaskException += OnUnobserved;
        try
        {
            using var cancel = new CancellationTokenSource();
            await Assert.ThrowsAsync<InvalidOperationException>(() => CacheOperations.GetOrLoadAsync<int>(cache, "m:unobserved", Methods.Read, async _ =>
            {
                await Task.Yield();
                throw new InvalidOperationException("db down (cancellable)");
            }, cancel.Token).AsTask());

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Assert.Equal(0, Volatile.Read(ref unobserved));
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= OnUnobserved;
        }
    }

    [Fact]
    public async Task Prefix_invalidation_removes_the_keys_under_the_prefix_only()
    {
        var store = new InProcessCacheStore();
        var cache = new CachingGenCache(store);
        store.Set("balance:user:1:token:1", 1, TimeSpan.FromMinutes(1));
        store.Set("balance:user:1:total", 2, TimeSpan.FromMinutes(1));
        store.Set("balance:user:1", 3, TimeSpan.FromMinutes(1));
        store.Set("balance:user:12:total", 4, TimeSpan.FromMinutes(1));

        await CacheOperations.InvalidatePrefixAsync(cache, "balance:user:1:", Methods.Write);

        Assert.False(store.TryGet<int>("balance:user:1:token:1", out _));
        Assert.False(store.TryGet<int>("balance:user:1:total", out _));
        Assert.True(store.TryGet<int>("balance:user:1", out _));
        Assert.True(store.TryGet<int>("balance:user:12:total", out _));
        Assert.Equal(2, store.Count);
    }
}
