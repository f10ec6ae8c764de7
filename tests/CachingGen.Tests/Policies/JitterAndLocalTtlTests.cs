using CachingGen.Tests.Runtime;

namespace CachingGen.Tests.Policies;

/// <summary>Jitter spreads expiries within its bound; a local TTL makes the in-process level re-read the distributed one.</summary>
public sealed class JitterAndLocalTtlTests
{
    [Fact]
    public async Task Jitter_spreads_the_expiries_of_entries_written_together_within_the_bound()
    {
        var h = new PolicyHarness();
        var method = PolicyHarness.Method(new CachePolicy { Jitter = TimeSpan.FromSeconds(30) }, TimeSpan.FromSeconds(60));
        var written = h.Time.GetUtcNow().ToUnixTimeMilliseconds();
        for (var i = 0; i < 1000; i++)
        {
            await h.CallAsync(method, "p:" + i, _ => ValueTask.FromResult(i));
        }

        var expiries = Enumerable.Range(0, 1000).Select(i => Assert.IsType<bool>(h.Store.TryGet<int>("p:" + i, out var e)) && e is not null ? e.ExpiresAt - written : -1).ToList();
        Assert.All(expiries, e => Assert.InRange(e, 60_000, 90_000));

        // Spread, not bunched: 1,000 draws over 30 s fill most one-second buckets, and no bucket holds a crowd.
        var buckets = expiries.GroupBy(e => (e - 60_000) / 1000).ToList();
        Assert.True(buckets.Count >= 25, $"only {buckets.Count} distinct seconds of expiry");
        Assert.True(buckets.Max(b => b.Count()) < 100, "one second holds a tenth of the expiries");

        // And they do expire apart: at 75 s roughly half are gone.
        h.Time.Advance(TimeSpan.FromSeconds(75));
        var left = Enumerable.Range(0, 1000).Count(i => h.Store.TryGet<int>("p:" + i, out _));
        Assert.InRange(left, 300, 700);
    }

    [Fact]
    public async Task Without_jitter_entries_written_together_expire_together()
    {
        var h = new PolicyHarness();
        var method = PolicyHarness.Method(new CachePolicy { FailSafe = TimeSpan.FromMinutes(1), FailSafeBackoff = TimeSpan.FromSeconds(1) }, TimeSpan.FromSeconds(60));
        for (var i = 0; i < 10; i++)
        {
            await h.CallAsync(method, "p:" + i, _ => ValueTask.FromResult(i));
        }

        var expiries = Enumerable.Range(0, 10).Select(i => h.Store.TryGet<int>("p:" + i, out var e) ? e.ExpiresAt : -1).Distinct().ToList();
        Assert.Single(expiries);
    }

    [Fact]
    public async Task A_local_TTL_shorter_than_the_TTL_re_reads_the_distributed_level_not_the_repository()
    {
        var level = new GatedLevel();
        var h = new PolicyHarness(level);
        var method = PolicyHarness.Method(new CachePolicy { LocalTtl = TimeSpan.FromSeconds(10) }, TimeSpan.FromMinutes(1));
        var loads = 0;
        ValueTask<string> Load(CancellationToken _)
        {
            Interlocked.Increment(ref loads);
            return ValueTask.FromResult("v1");
        }

        await h.CallAsync(method, "p:1", Load);
        await PolicyHarness.EventuallyAsync(() => level.TryGet<string>("p:1", [], 0).Found, "the distributed write landed");
        Assert.True(h.Store.TryGet<string>("p:1", out var local));
        Assert.Equal(10_000, local!.ExpiresAt - h.Time.GetUtcNow().ToUnixTimeMilliseconds());

        h.Time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal("v1", await h.CallAsync(method, "p:1", Load));
        Assert.Equal(1, loads);
        Assert.Equal(1, h.Stats(method).DistributedHits);
    }
}
