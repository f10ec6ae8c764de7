using CachingGen.AspNetCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CachingGen.Redis.Tests;

/// <summary>The health check and the "clear everything" action against a real Redis.</summary>
public sealed class OperationsTests
{
    [Fact]
    public async Task The_health_check_reports_each_level_and_flips_when_Redis_stops_and_starts()
    {
        await using var redis = await RedisProcess.StartNewAsync();
        var db = new SharedDatabase();
        await using var app = RedisEnvironment.CreateInstance(db, redis.Endpoint, RedisEnvironment.NewPrefix(), configure: r =>
        {
            r.OperationTimeout = TimeSpan.FromMilliseconds(200);
            r.CircuitBreakerCoolDown = TimeSpan.FromMilliseconds(300);
        });
        var level = await RedisEnvironment.ConnectedAsync(app);
        var cache = app.GetRequiredService<CachingGenCache>();
        var check = new CachingGenHealthCheck(cache, new CachingGenHealthCheckOptions());
        var store = app.GetRequiredService<IBalanceStore>();
        await store.FindAsync(1);

        var healthy = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, healthy.Status);
        Assert.Equal(true, healthy.Data["distributed_connected"]);
        Assert.Equal("closed", healthy.Data["distributed_circuit"]);
        Assert.Equal(0, healthy.Data["pending_invalidations"]);
        Assert.Equal(1, healthy.Data["in_process_entries"]);

        // Redis stops: the cache keeps answering, degraded; a write it cannot tell Redis about is pending.
        await redis.StopAsync();
        await store.CreditAsync(1, 1, 1m);
        await Eventually.TrueAsync(async () => (await check.CheckHealthAsync(new HealthCheckContext())).Status == HealthStatus.Degraded, "degraded after Redis stopped");
        var degraded = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Matches("circuit breaker is open|is disconnected", degraded.Description);
        Assert.True(degraded.Data["distributed_circuit"] as string == "open" || degraded.Data["distributed_connected"] is false);
        Assert.True((int)degraded.Data["pending_invalidations"] >= 1);

        // More invalidations than a threshold wait for Redis: unhealthy, other instances may serve old values meanwhile.
        var pending = cache.PendingInvalidations;
        var strict = new CachingGenHealthCheck(cache, new CachingGenHealthCheckOptions { UnhealthyPendingInvalidations = pending + 1 });
        Assert.Equal(HealthStatus.Degraded, (await strict.CheckHealthAsync(new HealthCheckContext())).Status);
        await store.CreditAsync(5, 3, 1m);
        Assert.True(cache.PendingInvalidations > pending, $"{cache.PendingInvalidations} pending after a second write, {pending} before");
        var unhealthy = await strict.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, unhealthy.Status);
        Assert.Contains("could not reach the distributed level", unhealthy.Description, StringComparison.Ordinal);

        // Back: reconnected, the pending invalidations replayed (by a call that reaches Redis, or by the retry within a
        // second: this loop's reads are served in process), healthy again.
        await redis.StartAsync();
        await Eventually.TrueAsync(() => level.Connection is { IsConnected: true }, "the reconnect");
        // The last report is in the failure, so that a run that never gets healthy says why.
        var last = "";
        var healthyAgain = Eventually.TrueAsync(async () =>
        {
            await store.FindAsync(4);
            var result = await check.CheckHealthAsync(new HealthCheckContext());
            last = $"{result.Status}: {result.Description} ({string.Join(", ", result.Data.Select(d => d.Key + "=" + d.Value))})";
            return result.Status == HealthStatus.Healthy;
        }, "healthy after Redis came back");
        var failure = await Record.ExceptionAsync(() => healthyAgain);
        Assert.True(failure is null, $"{failure?.Message}; the last report: {last}");
    }

    [Fact]
    public async Task Clear_removes_every_key_under_the_prefix_in_Redis_and_the_other_instances_in_process_entries()
    {
        var db = new SharedDatabase();
        await using var two = await TwoInstances.StartAsync(db, RedisEnvironment.Node);
        var a = two.A.GetRequiredService<IBalanceStore>();
        var b = two.B.GetRequiredService<IBalanceStore>();
        await a.FindAsync(1);
        await b.FindAsync(1);
        await b.FindAsync(2);
        await Eventually.TrueAsync(async () => await two.Raw.GetDatabase().KeyExistsAsync(two.Prefix + "{bal:2}"), "B's write reached Redis");
        var calls = db.Calls(nameof(IBalanceStore.FindAsync));

        await two.A.GetRequiredService<CachingGenCache>().ClearAsync();

        Assert.False(await two.Raw.GetDatabase().KeyExistsAsync(two.Prefix + "{bal:1}"));
        Assert.False(await two.Raw.GetDatabase().KeyExistsAsync(two.Prefix + "{bal:2}"));
        await Eventually.TrueAsync(() => two.B.GetRequiredService<CachingGenCache>().Store is Storage.InProcessCacheStore { Count: 0 }, "B's in-process level cleared through the backplane");
        await b.FindAsync(2);
        Assert.Equal(calls + 1, db.Calls(nameof(IBalanceStore.FindAsync)));
    }
}
