namespace CachingGen.Tests.Policies;

/// <summary>Fail-safe: the last good value answers when the repository fails, is counted as stale, and backs the repository off.</summary>
public sealed class FailSafeTests
{
    private static readonly CachePolicy FailSafe = new() { FailSafe = TimeSpan.FromHours(1), FailSafeBackoff = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task A_failing_load_returns_the_stale_value_counts_it_and_is_not_retried_before_the_backoff()
    {
        var h = new PolicyHarness();
        var method = PolicyHarness.Method(FailSafe, TimeSpan.FromMinutes(1));
        var calls = 0;
        var failing = true;
        ValueTask<string> Load(CancellationToken _)
        {
            Interlocked.Increment(ref calls);
            return failing ? ValueTask.FromException<string>(new InvalidOperationException("database down")) : ValueTask.FromResult("v2");
        }

        Assert.Equal("v1", await h.CallAsync(method, "p:1", _ => ValueTask.FromResult("v1")));
        h.Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));

        Assert.Equal("v1", await h.CallAsync(method, "p:1", Load));
        Assert.Equal(1, calls);

        // Within the back-off: the copy answers and the repository is not called.
        h.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal("v1", await h.CallAsync(method, "p:1", Load));
        Assert.Equal(1, calls);
        Assert.Equal((2L, 2L), (h.Stats(method).Stale, h.Stats(method).Misses - 1));

        // After it: tried again, and a success replaces the copy with a fresh entry.
        h.Time.Advance(TimeSpan.FromSeconds(2));
        failing = false;
        Assert.Equal("v2", await h.CallAsync(method, "p:1", Load));
        Assert.Equal(2, calls);
        Assert.Equal("v2", await h.CallAsync(method, "p:1", Load));
        Assert.Equal(2, calls);
        var stats = h.Stats(method);
        Assert.Equal((1L, 4L, 2L), (stats.Hits, stats.Misses, stats.Stale));
    }

    [Fact]
    public async Task Without_a_kept_value_the_exception_propagates()
    {
        var h = new PolicyHarness();
        var method = PolicyHarness.Method(FailSafe, TimeSpan.FromMinutes(1));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await h.CallAsync<string>(method, "p:1", _ => throw new InvalidOperationException("down")));
        Assert.Equal("down", error.Message);
        Assert.Equal(0, h.Stats(method).Stale);
    }

    [Fact]
    public async Task Past_the_fail_safe_window_the_exception_propagates()
    {
        var h = new PolicyHarness();
        var method = PolicyHarness.Method(FailSafe, TimeSpan.FromMinutes(1));
        await h.StoreAsync(method, "p:1", "v1");
        h.Time.Advance(TimeSpan.FromMinutes(61) + TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await h.CallAsync<string>(method, "p:1", _ => throw new InvalidOperationException("down")));
    }

    [Fact]
    public async Task An_invalidation_removes_the_fail_safe_copy_so_a_write_is_never_undone_by_a_failure()
    {
        var h = new PolicyHarness();
        var method = PolicyHarness.Method(FailSafe, TimeSpan.FromMinutes(1));
        var writer = CacheMethod.ForInvalidating("Tests.Policies.FailSafeWriter", "p:<id>");
        await h.StoreAsync(method, "p:1", "before the write");
        h.Time.Advance(TimeSpan.FromMinutes(2));
        await CacheOperations.InvalidateAsync(h.Cache, "p:1", writer);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await h.CallAsync<string>(method, "p:1", _ => throw new InvalidOperationException("down")));
    }

    [Fact]
    public async Task Every_caller_sharing_a_failed_load_gets_the_copy_and_each_is_counted()
    {
        var h = new PolicyHarness();
        var method = PolicyHarness.Method(FailSafe, TimeSpan.FromMinutes(1));
        await h.StoreAsync(method, "p:1", "v1");
        h.Time.Advance(TimeSpan.FromMinutes(2));

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        async ValueTask<string> Load(CancellationToken _)
        {
            Interlocked.Increment(ref calls);
            await gate.Task;
            throw new InvalidOperationException("down");
        }

        var callers = Enumerable.Range(0, 20).Select(_ => h.CallAsync(method, "p:1", Load).AsTask()).ToList();
        gate.SetResult();
        Assert.All(await Task.WhenAll(callers), v => Assert.Equal("v1", v));
        Assert.Equal(1, calls);
        Assert.Equal(20, h.Stats(method).Stale);
    }

    [Fact]
    public void A_synchronous_method_fails_safe_too()
    {
        var h = new PolicyHarness();
        var method = PolicyHarness.Method(FailSafe, TimeSpan.FromMinutes(1));
        Assert.Equal(1, h.Call(method, "p:1", () => 1));
        h.Time.Advance(TimeSpan.FromMinutes(2));
        var calls = 0;
        Assert.Equal(1, h.Call<int>(method, "p:1", () => { calls++; throw new InvalidOperationException("down"); }));
        Assert.Equal(1, h.Call<int>(method, "p:1", () => { calls++; throw new InvalidOperationException("down"); }));
        Assert.Equal(1, calls);
        Assert.Equal(2, h.Stats(method).Stale);
    }
}
