using CachingGen.Distributed;

namespace CachingGen.Redis.Tests;

/// <summary>The Redis level on its own: the version check on writes, TTLs, serialization fidelity.</summary>
public sealed class RedisLevelTests
{
    public sealed record OrderV1(int Id, string Name);

    public sealed record OrderV2(int Id, string Title);

    public sealed record Snapshot(decimal Amount, decimal? Threshold, DateTimeOffset At, IReadOnlyList<string> Tags, Dictionary<string, long> Counts, string? Note);

    [Fact]
    public async Task A_write_with_a_version_read_before_an_invalidation_is_refused()
    {
        await using var level = await CreateAsync();

        var before = await level.TryGetAsync<string>("race:1", [], 0, CancellationToken.None);
        await level.InvalidateAsync("race:1");
        var staleWrite = await level.SetAsync("race:1", "stale", TimeSpan.FromMinutes(1), before.Version!, [], 0);
        var after = await level.TryGetAsync<string>("race:1", [], 0, CancellationToken.None);
        var freshWrite = await level.SetAsync("race:1", "fresh", TimeSpan.FromMinutes(1), after.Version!, [], 0);

        Assert.False(before.Found);
        Assert.False(staleWrite);
        Assert.NotEqual(before.Version, after.Version);
        Assert.True(freshWrite);
        Assert.Equal("fresh", (await level.TryGetAsync<string>("race:1", [], 0, CancellationToken.None)).Value);
    }

    [Theory]
    [InlineData("node")]
    [InlineData("cluster")]
    public async Task A_value_loaded_before_a_prefix_invalidation_is_never_served_however_late_it_is_written(string where)
    {
        await using var level = await CreateAsync(where == "cluster" ? RedisEnvironment.Cluster : RedisEnvironment.Node, RedisEnvironment.NewPrefix());
        string[] prefixes = ["user:7:"];

        // A load reads the versions, the write invalidates the prefix, then the load's queued write lands.
        var before = await level.TryGetAsync<string>("user:7:total", prefixes, 0, CancellationToken.None);
        await level.InvalidatePrefixAsync("user:7:");
        await level.SetAsync("user:7:total", "stale", TimeSpan.FromMinutes(1), before.Version!, prefixes, 0);

        var read = await level.TryGetAsync<string>("user:7:total", prefixes, 0, CancellationToken.None);
        Assert.False(read.Found, "a value loaded before the prefix invalidation was served");

        Assert.True(await level.SetAsync("user:7:total", "fresh", TimeSpan.FromMinutes(1), read.Version!, prefixes, 0));
        Assert.Equal("fresh", (await level.TryGetAsync<string>("user:7:total", prefixes, 0, CancellationToken.None)).Value);
    }

    [Theory]
    [InlineData("node")]
    [InlineData("cluster")]
    public async Task A_prefix_invalidation_holds_for_a_key_missing_from_its_tag_set(string where)
    {
        // A tag written late (a timed-out write during a pause) or lost (tagged while the set was being deleted) must
        // not let the value survive the prefix invalidation: the tag set is clean-up, not correctness.
        var configuration = where == "cluster" ? RedisEnvironment.Cluster : RedisEnvironment.Node;
        var prefix = RedisEnvironment.NewPrefix();
        await using var level = await CreateAsync(configuration, prefix);
        using var raw = await RedisEnvironment.RawAsync(configuration);
        string[] prefixes = ["user:8:"];
        var miss = await level.TryGetAsync<string>("user:8:total", prefixes, 0, CancellationToken.None);
        Assert.True(await level.SetAsync("user:8:total", "old", TimeSpan.FromMinutes(1), miss.Version!, prefixes, 0));
        Assert.True(await raw.GetDatabase().SetRemoveAsync(prefix + "t:{user:8:}", "user:8:total"));

        await level.InvalidatePrefixAsync("user:8:");

        Assert.False((await level.TryGetAsync<string>("user:8:total", prefixes, 0, CancellationToken.None)).Found);
    }

    [Fact]
    public async Task A_prefix_version_that_disappears_never_makes_an_older_value_valid_again()
    {
        var prefix = RedisEnvironment.NewPrefix();
        await using var level = await CreateAsync(RedisEnvironment.Node, prefix);
        using var raw = await RedisEnvironment.RawAsync(RedisEnvironment.Node);
        string[] prefixes = ["user:10:"];

        // The first value under a new prefix is served (its write created the counter).
        var miss = await level.TryGetAsync<string>("user:10:total", prefixes, 0, CancellationToken.None);
        Assert.True(await level.SetAsync("user:10:total", "v1", TimeSpan.FromMinutes(5), miss.Version!, prefixes, 0));
        Assert.Equal("v1", (await level.TryGetAsync<string>("user:10:total", prefixes, 0, CancellationToken.None)).Value);

        // The counter is evicted (or expires): the value can no longer be checked, so it is not served.
        Assert.True(await raw.GetDatabase().KeyDeleteAsync(prefix + "p:{user:10:}"));
        Assert.False((await level.TryGetAsync<string>("user:10:total", prefixes, 0, CancellationToken.None)).Found);

        // An invalidation re-creates the counter at the server clock: never the value the old entry carries.
        await level.InvalidatePrefixAsync("user:10:");
        Assert.False((await level.TryGetAsync<string>("user:10:total", prefixes, 0, CancellationToken.None)).Found);
    }

    [Fact]
    public async Task A_prefix_version_lives_at_least_as_long_as_the_values_written_under_it()
    {
        var prefix = RedisEnvironment.NewPrefix();
        await using var level = await CreateAsync(RedisEnvironment.Node, prefix);
        using var raw = await RedisEnvironment.RawAsync(RedisEnvironment.Node);
        string[] prefixes = ["user:9:"];
        var miss = await level.TryGetAsync<string>("user:9:total", prefixes, 0, CancellationToken.None);

        Assert.True(await level.SetAsync("user:9:total", "v", TimeSpan.FromHours(3), miss.Version!, prefixes, 0));

        // Were the counter to expire first, it would read as 0 again and a value loaded under 0 would be valid again.
        var versionTtl = await raw.GetDatabase().KeyTimeToLiveAsync(prefix + "p:{user:9:}");
        Assert.NotNull(versionTtl);
        Assert.True(versionTtl >= TimeSpan.FromHours(3) - TimeSpan.FromMinutes(1), $"prefix version TTL {versionTtl}");
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
        var miss = await level.TryGetAsync<int>("ttl:1", [], 0, CancellationToken.None);
        await level.SetAsync("ttl:1", 42, TimeSpan.FromMilliseconds(1500), miss.Version!, [], 0);

        var hit = await level.TryGetAsync<int>("ttl:1", [], 0, CancellationToken.None);
        await Task.Delay(1700);
        var gone = await level.TryGetAsync<int>("ttl:1", [], 0, CancellationToken.None);

        Assert.Equal(42, hit.Value);
        Assert.InRange(hit.RemainingTtl.TotalMilliseconds, 1, 1500);
        Assert.False(gone.Found);
    }

    [Fact]
    public async Task A_value_written_under_another_result_shape_is_a_plain_miss_that_the_new_release_overwrites()
    {
        // Two releases of one cached type: System.Text.Json would read V1's JSON as V2 with Title silently null.
        const uint v1Shape = 0x1111AAAAu, v2Shape = 0x2222BBBBu;
        await using var level = await CreateAsync();
        var miss = await level.TryGetAsync<OrderV1>("shape:1", [], v1Shape, CancellationToken.None);
        Assert.True(await level.SetAsync("shape:1", new OrderV1(1, "old"), TimeSpan.FromMinutes(1), miss.Version!, [], v1Shape));

        var sameShape = await level.TryGetAsync<OrderV1>("shape:1", [], v1Shape, CancellationToken.None);
        var otherShape = await level.TryGetAsync<OrderV2>("shape:1", [], v2Shape, CancellationToken.None);
        var otherShapeSync = level.TryGet<OrderV2>("shape:1", [], v2Shape);

        Assert.Equal(new OrderV1(1, "old"), sameShape.Value);
        Assert.False(otherShape.Found);
        Assert.Null(otherShape.Fault); // not corrupt: not counted, not logged
        Assert.False(otherShapeSync.Found);
        Assert.Null(otherShapeSync.Fault);
        Assert.Equal(new OrderV1(1, "old"), (await level.TryGetAsync<OrderV1>("shape:1", [], v1Shape, CancellationToken.None)).Value); // not removed: the old release may still run

        // The new release's reload overwrites it; from then on the old release misses instead.
        Assert.True(await level.SetAsync("shape:1", new OrderV2(1, "new"), TimeSpan.FromMinutes(1), otherShape.Version!, [], v2Shape));
        Assert.Equal(new OrderV2(1, "new"), (await level.TryGetAsync<OrderV2>("shape:1", [], v2Shape, CancellationToken.None)).Value);
        var oldRelease = await level.TryGetAsync<OrderV1>("shape:1", [], v1Shape, CancellationToken.None);
        Assert.False(oldRelease.Found);
        Assert.Null(oldRelease.Fault);
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
        var miss = await level.TryGetAsync<T>(key, [], 0, CancellationToken.None);
        Assert.True(await level.SetAsync(key, value, TimeSpan.FromMinutes(1), miss.Version!, [], 0));
        return await level.TryGetAsync<T>(key, [], 0, CancellationToken.None);
    }

    private static Task<RedisCacheLevel> CreateAsync() => CreateAsync(RedisEnvironment.Node, RedisEnvironment.NewPrefix());

    private static async Task<RedisCacheLevel> CreateAsync(string configuration, string prefix)
    {
        var level = new RedisCacheLevel(new RedisCacheOptions { Configuration = configuration, KeyPrefix = prefix, OperationTimeout = TimeSpan.FromSeconds(2) });
        await Eventually.TrueAsync(() => level.Connection is { IsConnected: true }, "Redis connection");
        return level;
    }
}
