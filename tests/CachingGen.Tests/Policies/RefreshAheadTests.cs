using System.Runtime.CompilerServices;

namespace CachingGen.Tests.Policies;

/// <summary>Refresh-ahead: past the stated fraction of its TTL, a hit answers at once and starts one background reload.</summary>
public sealed class RefreshAheadTests
{
    private static readonly CachePolicy Refresh = new() { RefreshAhead = 0.5 };

    [Fact]
    public async Task A_hundred_concurrent_hits_past_the_refresh_point_make_exactly_one_reload()
    {
        var (h, method) = await PastTheRefreshPointAsync();

        var reload = new GatedLoad<string>();

        // Released together onto the thread pool (not a blocking barrier: 100 blocked threads starve a 2-core pool).
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var callers = Enumerable.Range(0, 100).Select(async _ =>
        {
            await start.Task;
            return await h.CallAsync(method, "p:1", reload.Load);
        }).ToList();
        start.SetResult();
        var hits = await Task.WhenAll(callers);

        // Every caller got the cached value at once, while the one reload waits at its gate.
        Assert.All(hits, v => Assert.Equal("v1", v));
        await PolicyHarness.EventuallyAsync(() => reload.Calls == 1, "the reload started");
        reload.Release("v2");
        await PolicyHarness.EventuallyAsync(() => h.Store.TryGet<string>("p:1", out var e) && e.Value == "v2", "the reload stored v2");
        Assert.Equal(1, reload.Calls);

        var stats = h.Stats(method);
        Assert.Equal((100L, 1L, 1L), (stats.Hits, stats.Misses, stats.Refreshes));
    }

    [Fact]
    public async Task Keys_nobody_reads_are_not_reloaded_and_expire()
    {
        var h = new PolicyHarness();
        var method = PolicyHarness.Method(Refresh, TimeSpan.FromSeconds(100));
        await h.StoreAsync(method, "p:read", "r1");
        await h.StoreAsync(method, "p:unread", "u1");
        h.Time.Advance(TimeSpan.FromSeconds(60));

        var reloaded = new System.Collections.Concurrent.ConcurrentBag<string>();
        Assert.Equal("r1", await h.CallAsync(method, "p:read", _ => { reloaded.Add("p:read"); return ValueTask.FromResult("r2"); }));
        await PolicyHarness.EventuallyAsync(() => h.Store.TryGet<string>("p:read", out var e) && e.Value == "r2", "the read key was reloaded");

        h.Time.Advance(TimeSpan.FromSeconds(41));
        Assert.Equal(["p:read"], reloaded.ToArray());
        Assert.False(h.Store.TryGet<string>("p:unread", out _));
        Assert.True(h.Store.TryGet<string>("p:read", out _));
    }

    [Fact]
    public async Task Under_steady_traffic_the_entry_never_expires()
    {
        var h = new PolicyHarness();
        var method = PolicyHarness.Method(Refresh, TimeSpan.FromSeconds(100));
        var version = 0;
        ValueTask<int> Load(CancellationToken _) => ValueTask.FromResult(Interlocked.Increment(ref version));
        await h.CallAsync(method, "p:1", Load);

        // Ten TTLs of one read every 20 s: each read is a hit; a reload every third read keeps the entry fresh.
        for (var step = 0; step < 50; step++)
        {
            h.Time.Advance(TimeSpan.FromSeconds(20));
            var refreshes = h.Stats(method).Refreshes;
            var loaded = Volatile.Read(ref version);
            await h.CallAsync(method, "p:1", Load);
            if (h.Stats(method).Refreshes > refreshes)
            {
                await PolicyHarness.EventuallyAsync(() => h.Store.TryGet<int>("p:1", out var e) && e.Value == loaded + 1, "the reload stored");
            }
        }

        var stats = h.Stats(method);
        Assert.Equal(1, stats.Misses);
        Assert.Equal(50, stats.Hits);
        Assert.InRange(stats.Refreshes, 16, 26);
    }

    [Fact]
    public async Task A_failed_reload_is_logged_and_the_entry_lives_out_its_TTL()
    {
        var (h, method) = await PastTheRefreshPointAsync();
        var attempts = 0;
        Assert.Equal("v1", await h.CallAsync<string>(method, "p:1", _ => { Interlocked.Increment(ref attempts); throw new InvalidOperationException("down"); }));
        await PolicyHarness.EventuallyAsync(() => Volatile.Read(ref attempts) == 1 && h.Stats(method).Refreshes == 1, "the reload ran");

        // One attempt per entry: later hits do not retry; the entry expires at its TTL.
        Assert.Equal("v1", await h.CallAsync<string>(method, "p:1", _ => { Interlocked.Increment(ref attempts); throw new InvalidOperationException("down"); }));
        await Task.Delay(50);
        Assert.Equal(1, Volatile.Read(ref attempts));
        h.Time.Advance(TimeSpan.FromSeconds(41));
        Assert.False(h.Store.TryGet<string>("p:1", out _));
    }

    /// <summary>"v1" stored under p:1 with a 100 s TTL, and the clock 60 s on: past the refresh point, not expired.</summary>
    private static async Task<(PolicyHarness Harness, CacheMethod Method)> PastTheRefreshPointAsync([CallerMemberName] string test = "")
    {
        var h = new PolicyHarness();
        var method = PolicyHarness.Method(Refresh, TimeSpan.FromSeconds(100), test: test);
        await h.StoreAsync(method, "p:1", "v1");
        h.Time.Advance(TimeSpan.FromSeconds(60));
        return (h, method);
    }
}
