namespace CachingGen.Tests.Policies;

/// <summary>Conditional caching: <c>Unless</c> keeps a result out of the cache, <c>TtlFrom</c> picks its TTL.</summary>
public sealed class ConditionalCachingTests
{
    private static bool IsPending(string status) => status == "pending";

    private static TimeSpan TtlFor(string status) => status switch
    {
        "final" => TimeSpan.FromHours(1),
        "never" => TimeSpan.Zero,
        _ => TimeSpan.FromSeconds(5),
    };

    [Fact]
    public async Task A_result_the_Unless_rule_matches_is_returned_but_not_stored()
    {
        var h = new PolicyHarness();
        var method = PolicyHarness.Method(new CachePolicy { Unless = (Func<string, bool>)IsPending }, TimeSpan.FromMinutes(1));
        Assert.Equal("pending", await h.CallAsync(method, "p:1", _ => ValueTask.FromResult("pending")));
        Assert.False(h.Store.TryGet<string>("p:1", out _));
        Assert.Equal("done", await h.CallAsync(method, "p:1", _ => ValueTask.FromResult("done")));
        Assert.True(h.Store.TryGet<string>("p:1", out _));
    }

    [Fact]
    public async Task TtlFrom_chooses_each_result_s_TTL_and_zero_stores_nothing()
    {
        var h = new PolicyHarness();
        var method = PolicyHarness.Method(new CachePolicy { TtlFrom = (Func<string, TimeSpan>)TtlFor }, TimeSpan.FromMinutes(1));
        var now = h.Time.GetUtcNow().ToUnixTimeMilliseconds();
        await h.StoreAsync(method, "p:final", "final");
        await h.StoreAsync(method, "p:open", "open");
        await h.StoreAsync(method, "p:never", "never");

        Assert.True(h.Store.TryGet<string>("p:final", out var final));
        Assert.Equal(3_600_000, final!.ExpiresAt - now);
        Assert.True(h.Store.TryGet<string>("p:open", out var open));
        Assert.Equal(5_000, open!.ExpiresAt - now);
        Assert.False(h.Store.TryGet<string>("p:never", out _));
    }

    [Fact]
    public async Task A_rule_that_throws_is_a_counted_cache_fault_and_the_caller_still_gets_its_value()
    {
        var h = new PolicyHarness();
        var method = PolicyHarness.Method(new CachePolicy { Unless = (Func<string, bool>)(_ => throw new InvalidOperationException("bad rule")) }, TimeSpan.FromMinutes(1));
        Assert.Equal("v", await h.CallAsync(method, "p:1", _ => ValueTask.FromResult("v")));
        Assert.False(h.Store.TryGet<string>("p:1", out _));
        Assert.Equal(1, h.Stats(method).Errors);
    }
}
