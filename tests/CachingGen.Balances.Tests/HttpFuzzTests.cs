using System.Collections.Generic;
using Balances;
using CachingGen.Diagnostics;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace CachingGen.Balances.Tests;

/// <summary>
/// The Balances service on PostgreSQL and Redis, as an attacker meets it: over 500 generated requests that must be
/// refused (<see cref="BadRequests"/>), over the API and the operations endpoints. Not one may be a server error or
/// succeed, and after each the database, the Redis keys and the cache's counters are what they were before.
/// </summary>
public sealed class HttpFuzzTests : IAsyncLifetime
{
    private readonly BalancesDatabase _database = new();
    private readonly string _prefix = "fuzz-" + Guid.NewGuid().ToString("N")[..8] + ":";
    private RunningApi _api = null!;
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync()
    {
        var redis = Environment.GetEnvironmentVariable("CACHINGGEN_REDIS");
        Assert.False(string.IsNullOrWhiteSpace(redis), "CACHINGGEN_REDIS is not set: run the tests with 'bash eng/test.sh', which starts Redis on loopback.");
        await _database.InitializeAsync();
        _redis = await ConnectionMultiplexer.ConnectAsync(redis);
        _api = await RunningApi.StartAsync(new BalancesSettings(_database.ConnectionString, Redis: redis, RedisKeyPrefix: _prefix));
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _redis.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Over_500_bad_requests_are_all_refused_without_a_server_error_and_change_nothing()
    {
        // Cached entries in both levels, so a refused request that removed or cleared anything would show.
        foreach (var path in new[] { "/balances/1", "/balances/2", "/balances/3", "/users/1/balances", "/users/1/total", "/users/1/tokens/1/balance" })
        {
            (await _api.Http.GetAsync(path)).EnsureSuccessStatusCode();
        }

        var requests = BadRequests.Generate(seed: 26, minimum: 500);
        var before = await SettledStateAsync();
        Assert.NotEmpty(before.RedisKeys);
        var problems = new List<string>();
        foreach (var request in requests)
        {
            using var message = request.ToMessage();
            using var response = await _api.Http.SendAsync(message);
            var status = (int)response.StatusCode;
            if (status is < 400 or >= 500)
            {
                problems.Add($"{request.Label}: {status} {Shorten(await response.Content.ReadAsStringAsync())}");
            }

            var after = await StateAsync();
            if (after != before)
            {
                problems.Add($"{request.Label}: changed the state ({before} → {after})");
                before = after;
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} of {requests.Count} bad requests were not refused cleanly:\n" + string.Join("\n", problems));
        Assert.True(requests.Count >= 500, $"{requests.Count} requests");

        // What was cached before is still cached: a hit, no load.
        var hits = Totals().Hits;
        (await _api.Http.GetAsync("/balances/1")).EnsureSuccessStatusCode();
        Assert.Equal(hits + 1, Totals().Hits);
    }

    /// <summary>
    /// The state once the warm-up's Redis writes have landed: a miss writes the distributed level off the caller's path
    /// (a background queue), so a key may appear just after the response. Settled = unchanged over three reads 100 ms apart.
    /// </summary>
    private async Task<State> SettledStateAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var state = await StateAsync();
        for (var unchanged = 0; unchanged < 3 && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(100);
            var next = await StateAsync();
            unchanged = next == state ? unchanged + 1 : 0;
            state = next;
        }

        return state;
    }

    private async Task<State> StateAsync()
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync();
        var rows = await connection.ExecuteScalarAsync<string>("SELECT md5(coalesce(string_agg(b::text, ',' ORDER BY id), '')) FROM balances b");
        var server = _redis.GetServer(_redis.GetEndPoints()[0]);
        var keys = string.Join(",", server.Keys(pattern: _prefix + "*").Select(k => (string)k!).Order(StringComparer.Ordinal));
        var totals = Totals();
        return new State(rows!, keys, totals.Hits, totals.Misses, totals.Invalidations, totals.Loads);
    }

    private (long Hits, long Misses, long Invalidations, long Loads) Totals()
    {
        var snapshot = _api.App.Services.GetRequiredService<CachingGenCache>().Statistics.GetSnapshot();
        return (snapshot.Sum(s => s.Hits), snapshot.Sum(s => s.Misses), snapshot.Sum(s => s.Invalidations), snapshot.Sum(s => s.Loads));
    }

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;

    /// <summary>What a refused request must leave as it was: the rows, the Redis keys, the cache's counters.</summary>
    private sealed record State(string Rows, string RedisKeys, long Hits, long Misses, long Invalidations, long Loads);
}
