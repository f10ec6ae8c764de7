namespace CachingGen.Tests.Policies;

/// <summary>Soft and hard load timeouts, on the cache's clock (a <c>FakeTimeProvider</c>), with the load held at a gate.</summary>
public sealed class LoadTimeoutTests
{
    [Fact]
    public async Task After_the_soft_timeout_a_caller_gets_the_stale_value_and_the_load_then_refreshes_the_entry()
    {
        var h = new PolicyHarness();
        var method = PolicyHarness.Method(new CachePolicy { FailSafe = TimeSpan.FromHours(1), FailSafeBackoff = TimeSpan.FromSeconds(30), SoftTimeout = TimeSpan.FromMilliseconds(100), HardTimeout = TimeSpan.FromSeconds(2) }, TimeSpan.FromMinutes(1));
        await h.StoreAsync(method, "p:1", "v1");
        h.Time.Advance(TimeSpan.FromMinutes(2));

        var gate = new GatedLoad<string>();
        var call = h.CallAsync(method, "p:1", gate.Load).AsTask();
        Assert.False(call.IsCompleted);
        h.Time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(call.IsCompleted);
        h.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("v1", await call);
        Assert.Equal(1, h.Stats(method).Stale);

        // The load goes on in the background; when it answers, it stores, and the next call is a fresh hit.
        gate.Release("v2");
        await PolicyHarness.EventuallyAsync(() => h.Store.TryGet<string>("p:1", out var e) && e.Value == "v2", "the background load stored v2");
        Assert.Equal("v2", await h.CallAsync<string>(method, "p:1", _ => throw new InvalidOperationException("not called")));
        Assert.Equal(1, h.Stats(method).Hits);
    }

    [Fact]
    public async Task After_the_hard_timeout_a_caller_without_a_copy_gets_a_TimeoutException_and_the_load_still_stores()
    {
        var h = new PolicyHarness();
        var method = PolicyHarness.Method(new CachePolicy { HardTimeout = TimeSpan.FromSeconds(2) }, TimeSpan.FromMinutes(1));
        var gate = new GatedLoad<string>();
        var call = h.CallAsync(method, "p:1", gate.Load).AsTask();
        h.Time.Advance(TimeSpan.FromSeconds(2));
        var error = await Assert.ThrowsAsync<TimeoutException>(() => call);
        Assert.Contains("hard timeout", error.Message, StringComparison.Ordinal);

        gate.Release("late");
        await PolicyHarness.EventuallyAsync(() => h.Store.TryGet<string>("p:1", out _), "the late load stored its value");
        Assert.Equal("late", await h.CallAsync<string>(method, "p:1", _ => throw new InvalidOperationException("not called")));
    }

    [Fact]
    public async Task After_the_hard_timeout_a_caller_with_a_copy_gets_it_and_the_next_callers_get_it_at_once_until_the_backoff_ends()
    {
        var h = new PolicyHarness();
        var method = PolicyHarness.Method(new CachePolicy { FailSafe = TimeSpan.FromHours(1), FailSafeBackoff = TimeSpan.FromSeconds(30), HardTimeout = TimeSpan.FromSeconds(2) }, TimeSpan.FromMinutes(1));
        await h.StoreAsync(method, "p:1", "v1");
        h.Time.Advance(TimeSpan.FromMinutes(2));

        var hung = new GatedLoad<string>();

        var call = h.CallAsync(method, "p:1", hung.Load).AsTask();
        h.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("v1", await call);

        // In the back-off: answered at once, without waiting 2 s or joining the hung load.
        var next = h.CallAsync(method, "p:1", hung.Load).AsTask();
        Assert.True(next.IsCompletedSuccessfully);
        Assert.Equal("v1", await next);
        Assert.Equal(1, hung.Calls);
        Assert.Equal(2, h.Stats(method).Stale);
        hung.Fail(new InvalidOperationException("gave up"));
    }

    [Fact]
    public async Task A_load_that_answers_within_the_timeouts_is_returned_as_usual()
    {
        var h = new PolicyHarness();
        var method = PolicyHarness.Method(new CachePolicy { FailSafe = TimeSpan.FromHours(1), FailSafeBackoff = TimeSpan.FromSeconds(30), SoftTimeout = TimeSpan.FromMilliseconds(100), HardTimeout = TimeSpan.FromSeconds(2) }, TimeSpan.FromMinutes(1));
        var gate = new GatedLoad<string>();
        var call = h.CallAsync(method, "p:1", gate.Load).AsTask();
        h.Time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.False(call.IsCompleted);
        gate.Release("v1");
        Assert.Equal("v1", await call);
        Assert.Equal(0, h.Stats(method).Stale);
    }
}
