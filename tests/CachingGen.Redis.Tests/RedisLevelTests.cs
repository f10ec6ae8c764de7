using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CachingGen.Distributed;
using CachingGen.Redis.Tests.Infrastructure;
using Xunit;

namespace CachingGen.Redis.Tests;

/// <summary>The Redis level on its own: the version check on writes, TTLs, serialization fidelity.</summary>
public sealed class RedisLevelTests
{
    public sealed record Snapshot(decimal Amount, decimal? Threshold, DateTimeOffset At, IReadOnlyList<string> Tags, Dictionary<string, long> Counts, string? Note);

    [Fact]
    public async Task A_write_with_a_version_read_before_an_invalidation_is_refused()
    {
        await using var level = await CreateAsync();

        var before = await level.TryGetAsync<string>("race:1", CancellationToken.None);
        await level.InvalidateAsync("race:1");
        var staleWrite = await level.SetAsync("race:1", "stale", TimeSpan.FromMinutes(1), before.Version!, []);
        var after = await level.TryGetAsync<string>("race:1", CancellationToken.None);
        var freshWrite = await level.SetAsync("race:1", "fresh", TimeSpan.FromMinutes(1), after.Version!, []);

        Assert.False(before.Found);
        Assert.False(staleWrite);
        Assert.NotEqual(before.Version, after.Version);
        Assert.True(freshWrite);
        Assert.Equal("fresh", (await level.TryGetAsync<string>("race:1", CancellationToken.None)).Value);
    }

    [Fact]
    public async Task Values_round_trip_exactly_including_a_cached_null()
    {
        await using var level = await CreateAsync();
        var snapshot = new Snapshot(
            1234567890.123456789012345m,
            null,
            new DateTimeOffset(2026, 11, 25, 13, 14, 15, 678, TimeSpan.FromHours(-5)).AddTicks(9),
            ["a", "ü", "😀"],
            new Dictionary<string, long> { ["x"] = long.MaxValue, ["y"] = -1 },
            null);

        var hit = await WriteAndReadAsync(level, "rt:snapshot", snapshot);
        var nullHit = await WriteAndReadAsync<Snapshot?>(level, "rt:null", null);
        var numberHit = await WriteAndReadAsync<decimal?>(level, "rt:decimal", 0.1m);
        var listHit = await WriteAndReadAsync<IReadOnlyList<long>>(level, "rt:list", [1, 2, long.MinValue]);

        Assert.True(hit.Found);
        Assert.Equal(snapshot.Amount, hit.Value.Amount);
        Assert.Null(hit.Value.Threshold);
        Assert.Equal(snapshot.At, hit.Value.At);
        Assert.Equal(snapshot.At.Offset, hit.Value.At.Offset);
        Assert.Equal(snapshot.Tags, hit.Value.Tags);
        Assert.Equal(snapshot.Counts, hit.Value.Counts);
        Assert.True(nullHit.Found);
        Assert.Null(nullHit.Value);
        Assert.Equal(0.1m, numberHit.Value);
        Assert.Equal([1, 2, long.MinValue], listHit.Value);
    }

    [Fact]
    public async Task The_entry_expires_with_the_ttl_and_reports_what_is_left()
    {
        await using var level = await CreateAsync();
        var miss = await level.TryGetAsync<int>("ttl:1", CancellationToken.None);
        await level.SetAsync("ttl:1", 42, TimeSpan.FromMilliseconds(1500), miss.Version!, []);

        var hit = await level.TryGetAsync<int>("ttl:1", CancellationToken.None);
        await Task.Delay(1700);
        var gone = await level.TryGetAsync<int>("ttl:1", CancellationToken.None);

        Assert.Equal(42, hit.Value);
        Assert.InRange(hit.RemainingTtl.TotalMilliseconds, 1, 1500);
        Assert.False(gone.Found);
    }

    [Fact]
    public void Options_are_validated_with_clear_messages()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new RedisCacheLevel(new RedisCacheOptions()));
        Assert.Contains("configuration string", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => new RedisCacheLevel(new RedisCacheOptions { Configuration = "127.0.0.1:1", OperationTimeout = TimeSpan.Zero }));
    }

    private static async Task<DistributedEntry<T>> WriteAndReadAsync<T>(RedisCacheLevel level, string key, T value)
    {
        var miss = await level.TryGetAsync<T>(key, CancellationToken.None);
        Assert.True(await level.SetAsync(key, value, TimeSpan.FromMinutes(1), miss.Version!, []));
        return await level.TryGetAsync<T>(key, CancellationToken.None);
    }

    private static async Task<RedisCacheLevel> CreateAsync()
    {
        var level = new RedisCacheLevel(new RedisCacheOptions { Configuration = RedisEnvironment.Node, KeyPrefix = RedisEnvironment.NewPrefix(), OperationTimeout = TimeSpan.FromSeconds(2) });
        await Eventually.TrueAsync(() => level.Connection is { IsConnected: true }, "Redis connection");
        return level;
    }
}
