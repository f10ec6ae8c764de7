using CachingGen.Diagnostics;
using CachingGen.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CachingGen.AspNetCore.Tests;

/// <summary>The change feed as operations see it: the health check's verdict and <c>feed.json</c>.</summary>
public sealed class ChangeFeedStatusTests : IClassFixture<OperationsHost>
{
    private readonly OperationsHost _host;

    public ChangeFeedStatusTests(OperationsHost host) => _host = host;

    private static ChangeFeedStatus Status(ChangeFeedState state, TimeSpan lag, bool degraded = false, bool unhealthy = false, string? problem = null)
        => new(state, 4096, lag, new Dictionary<string, ChangeFeedTableCounts> { ["balances"] = new(12, 30) }, problem) { IsConsumer = true, IsDegraded = degraded, IsUnhealthy = unhealthy };

    [Theory]
    [InlineData(ChangeFeedState.Live, false, false, HealthStatus.Healthy, "every cache level answers")]
    [InlineData(ChangeFeedState.Live, true, false, HealthStatus.Degraded, "behind")]
    [InlineData(ChangeFeedState.Reconnecting, true, false, HealthStatus.Degraded, "reconnecting now")]
    [InlineData(ChangeFeedState.Failed, false, true, HealthStatus.Unhealthy, "slot is gone")]
    public async Task The_health_check_is_degraded_past_the_lag_and_unhealthy_without_a_slot(ChangeFeedState state, bool degraded, bool unhealthy, HealthStatus expected, string says)
    {
        using var cache = new CachingGenCache(new InProcessCacheStore());
        var problem = state == ChangeFeedState.Reconnecting ? "reconnecting now" : state == ChangeFeedState.Failed ? "the slot is gone" : null;
        cache.ChangeFeed = new FixedFeed(Status(state, TimeSpan.FromSeconds(degraded ? 9 : 0.01), degraded, unhealthy, problem));

        var result = await new CachingGenHealthCheck(cache, new CachingGenHealthCheckOptions()).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(expected, result.Status);
        Assert.Contains(says, result.Description, StringComparison.Ordinal);
        Assert.Equal(state.ToString(), result.Data["feed_state"]);
    }

    [Fact]
    public async Task Feed_json_reports_the_state_the_lag_and_each_tables_counts_and_is_404_without_a_feed()
    {
        using var client = new HttpClient { BaseAddress = _host.Address };
        client.DefaultRequestHeaders.Add(OperationsHost.UserHeader, "ann/ops");
        _host.Cache.ChangeFeed = null;
        using (var none = await client.GetAsync("/ops/cache/feed.json"))
        {
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
            Assert.Contains("UsePostgresChangeFeed", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        _host.Cache.ChangeFeed = new FixedFeed(Status(ChangeFeedState.Live, TimeSpan.FromMilliseconds(3)));
        try
        {
            using var response = await client.GetAsync("/ops/cache/feed.json");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var root = json.RootElement;
            Assert.Equal("Live", root.GetProperty("state").GetString());
            Assert.True(root.GetProperty("isConsumer").GetBoolean());
            Assert.Equal(4096, root.GetProperty("lagBytes").GetInt64());
            Assert.Equal(3, root.GetProperty("lagMilliseconds").GetDouble());
            Assert.Equal(12, root.GetProperty("tables").GetProperty("balances").GetProperty("changes").GetInt64());
            Assert.Equal(30, root.GetProperty("tables").GetProperty("balances").GetProperty("invalidations").GetInt64());
        }
        finally
        {
            _host.Cache.ChangeFeed = null;
        }
    }

    private sealed class FixedFeed(ChangeFeedStatus status) : IChangeFeed
    {
        public ChangeFeedStatus Status { get; } = status;
    }
}
