using System.Reflection;
using System.Text;
using CachingGen.Diagnostics;
using CachingGen.Infrastructure;

namespace CachingGen.Redis.Tests;

/// <summary>No Redis fault ever reaches the caller: outages, a dead server at start-up, garbage entries.</summary>
public sealed class ResilienceTests
{
    [Fact]
    public async Task Redis_stopped_and_restarted_during_1000_calls_costs_no_exception_and_no_wrong_value()
    {
        await using var redis = await RedisProcess.StartNewAsync();
        var db = new SharedDatabase();
        var prefix = RedisEnvironment.NewPrefix();
        await using var app = RedisEnvironment.CreateInstance(db, redis.Endpoint, prefix, configure: r =>
        {
            r.OperationTimeout = TimeSpan.FromMilliseconds(100);
            r.CircuitBreakerCoolDown = TimeSpan.FromMilliseconds(200);
        });
        var level = await RedisEnvironment.ConnectedAsync(app);
        var repository = app.GetRequiredService<IBalanceStore>();
        var exceptions = new List<Exception>();
        var wrong = 0;

        for (var i = 0; i < 1000; i++)
        {
            if (i == 200)
            {
                await redis.StopAsync();
            }

            if (i == 600)
            {
                await redis.StartAsync();
                await Eventually.TrueAsync(() => level.Connection is { IsConnected: true }, "the reconnect");
            }

            try
            {
                var id = (i % 6) + 1;
                if (i % 50 == 0)
                {
                    await repository.CreditAsync(id, (id + 1) / 2, 1m);
                }

                var found = await repository.FindAsync(id);
                wrong += found == db.Find(id) ? 0 : 1;
            }
            catch (Exception ex)
            {
                exceptions.Add(ex);
            }
        }

        Assert.Empty(exceptions);
        Assert.Equal(0, wrong);
        // The writes during the outage could not reach Redis: each is a counted error (and a pending invalidation).
        // Reads are not necessarily: once the client knows it is disconnected, or the circuit is open, Redis is
        // skipped (a miss, not a fault), so whether a read met a timeout first depends on timing.
        var stats = app.GetRequiredService<CachingGenCache>().Statistics.GetSnapshot().Single(m => m.Method.EndsWith("BalanceStore.CreditAsync", StringComparison.Ordinal));
        Assert.True(stats.Errors > 0, "the outage should be counted as cache errors");

        // After recovery, hits come back from both levels.
        // (An invalidation drops the in-process copy, so the next read goes through Redis again.)
        var raw = await RedisEnvironment.RawAsync(redis.Endpoint);
        await Eventually.TrueAsync(
            async () =>
            {
                await repository.CreditAsync(2, 1, 0m);
                await repository.FindAsync(2);
                await Task.Delay(50);
                return await raw.GetDatabase().KeyExistsAsync(prefix + "{bal:2}");
            },
            "a Redis write after recovery");
        var calls = db.Calls(nameof(IBalanceStore.FindAsync));
        await repository.FindAsync(2);
        Assert.Equal(calls, db.Calls(nameof(IBalanceStore.FindAsync)));
        // Replayed in the background once Redis answers: every invalidation missed during the outage.
        await Eventually.TrueAsync(() => app.GetRequiredService<CachingGenCache>().PendingInvalidations == 0, "the missed invalidations to be replayed", 5_000);
        raw.Dispose();
    }

    [Fact]
    public async Task A_dead_Redis_at_start_up_is_skipped_by_the_circuit_breaker_and_the_repository_answers()
    {
        await using var redis = new RedisProcess();
        var db = new SharedDatabase();
        await using var app = RedisEnvironment.CreateInstance(db, redis.Endpoint, RedisEnvironment.NewPrefix(), Distributed.CacheLevels.DistributedOnly, r =>
        {
            r.ConnectTimeout = TimeSpan.FromMilliseconds(200);
            r.OperationTimeout = TimeSpan.FromMilliseconds(50);
        });
        var repository = app.GetRequiredService<IBalanceStore>();
        var level = app.GetRequiredService<RedisCacheLevel>();

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(db.Find(3), await repository.FindAsync(3));
            await repository.CreditAsync(3, 2, 1m);
        }

        Assert.Equal(20, db.Calls(nameof(IBalanceStore.FindAsync)));
        await Eventually.TrueAsync(() => level.Connection is not null, "the connection attempt to finish");
        await repository.FindAsync(3);
        await repository.FindAsync(3);
        Assert.True(level.IsCircuitOpen || level.Connection is { IsConnected: false });
    }

    [Fact]
    public Task A_garbage_entry_is_a_miss_that_is_counted_removed_and_replaced()
        => ReadPastPlantedEntryAsync(4, Encoding.UTF8.GetBytes("{not json"), errors: 1, bytes => Encoding.UTF8.GetString(bytes).Contains("\"Id\":4", StringComparison.Ordinal), "the entry to be replaced by a good one");

    [Theory]
    [InlineData("expiry far in the past")]
    [InlineData("expiry far in the future")]
    [InlineData("truncated header")]
    [InlineData("empty value")]
    [InlineData("a valid envelope around another type")]
    public Task A_corrupt_entry_is_a_counted_miss_that_is_removed_and_replaced_never_returned(string corruption)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var wrongBalance = Encoding.UTF8.GetBytes("{\"Id\":5,\"UserId\":99,\"Amount\":123456}");
        byte[] stored = corruption switch
        {
            "expiry far in the past" => Envelope(now - (500L * 24 * 3600 * 1000), wrongBalance),
            "expiry far in the future" => Envelope(now + (500L * 24 * 3600 * 1000), wrongBalance),
            "truncated header" => [0, 0, 1],
            "empty value" => [],
            _ => Envelope(now + 60_000, Encoding.UTF8.GetBytes("42")),
        };

        return ReadPastPlantedEntryAsync(5, stored, errors: 1, bytes => bytes.Length > 15 && Encoding.UTF8.GetString(bytes, 15, bytes.Length - 15).Contains("\"Id\":5", StringComparison.Ordinal) && !bytes.AsSpan(15).SequenceEqual(wrongBalance), "the entry to be replaced by a good one");
    }

    [Fact]
    public Task An_entry_of_another_result_shape_is_an_uncounted_miss_that_the_reload_overwrites()
    {
        // What an instance of a release with another version of Balance wrote: readable JSON, wrong type.
        var oldRelease = CachingGen.Redis.Internals.Envelope.Wrap(Encoding.UTF8.GetBytes("{\"Id\":7,\"UserId\":99,\"Amount\":123456}"), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 60_000, unchecked(FindAsyncShape() + 1), []);
        return ReadPastPlantedEntryAsync(7, oldRelease, errors: 0, bytes => !bytes.AsSpan().SequenceEqual(oldRelease), "the entry to be overwritten by the reload");
    }

    // Plants `stored` as bal:<id> behind a distributed-only instance's back, then reads <id> through it: the database
    // answers, once; `errors` errors are counted on FindAsync; and Redis ends up holding what `replaced` accepts.
    private static async Task ReadPastPlantedEntryAsync(long id, byte[] stored, int errors, Func<byte[], bool> replaced, string replacement)
    {
        var db = new SharedDatabase();
        var prefix = RedisEnvironment.NewPrefix();
        var key = prefix + "{bal:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";
        await using var app = RedisEnvironment.CreateInstance(db, RedisEnvironment.Node, prefix, Distributed.CacheLevels.DistributedOnly);
        await RedisEnvironment.ConnectedAsync(app);
        using var raw = await RedisEnvironment.RawAsync(RedisEnvironment.Node);
        await raw.GetDatabase().StringSetAsync(key, stored, TimeSpan.FromMinutes(1));

        var found = await app.GetRequiredService<IBalanceStore>().FindAsync(id);

        Assert.Equal(db.Find(id), found);
        Assert.Equal(1, db.Calls(nameof(IBalanceStore.FindAsync)));
        Assert.Equal(errors, app.GetRequiredService<CachingGenCache>().Statistics.GetSnapshot().Single(m => m.Method.EndsWith("BalanceStore.FindAsync", StringComparison.Ordinal)).Errors);
        await Eventually.TrueAsync(async () => (byte[]?)await raw.GetDatabase().StringGetAsync(key) is { } bytes && replaced(bytes), replacement);
    }

    // A well-formed entry as the level writes it for FindAsync (its result shape; no prefix versions: bal:<id> falls
    // under no declared prefix).
    private static byte[] Envelope(long expiresAtUnixMilliseconds, byte[] payload)
        => CachingGen.Redis.Internals.Envelope.Wrap(payload, expiresAtUnixMilliseconds, FindAsyncShape(), []);

    // The shape the generator computed for FindAsync's result, read from its generated descriptor.
    private static uint FindAsyncShape()
        => typeof(IBalanceStore).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(f => f.FieldType == typeof(CacheMethod))
            .Select(f => (CacheMethod)f.GetValue(null)!)
            .Single(m => m.Method.EndsWith("BalanceStore.FindAsync", StringComparison.Ordinal))
            .ResultShape;

    [Fact]
    public async Task A_container_with_Redis_can_be_disposed_synchronously()
    {
        var app = RedisEnvironment.CreateInstance(new SharedDatabase(), RedisEnvironment.Node, RedisEnvironment.NewPrefix());
        await RedisEnvironment.ConnectedAsync(app);

        // `using var provider = services.BuildServiceProvider()` is common; the container refuses async-only services there.
        var dispose = Record.Exception(app.Dispose);

        Assert.Null(dispose);
    }

    [Fact]
    public async Task An_invalidation_right_after_start_up_waits_for_the_connection_instead_of_failing()
    {
        var db = new SharedDatabase();
        var prefix = RedisEnvironment.NewPrefix();
        using var raw = await RedisEnvironment.RawAsync(RedisEnvironment.Node);
        await raw.GetDatabase().StringSetAsync(prefix + "{bal:6}", Envelope(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 60_000, Encoding.UTF8.GetBytes("{\"Id\":6}")), TimeSpan.FromMinutes(1));
        await using var app = RedisEnvironment.CreateInstance(db, RedisEnvironment.Node, prefix);

        // The first thing the app does, before its connection is made: a write.
        await app.GetRequiredService<IBalanceStore>().CreditAsync(6, 3, 1m);

        var cache = app.GetRequiredService<CachingGenCache>();
        Assert.Equal(0, cache.PendingInvalidations);
        Assert.False(await raw.GetDatabase().KeyExistsAsync(prefix + "{bal:6}"), "Redis must no longer hold the old value when the write returns");
    }

    [Fact]
    public async Task The_host_connects_to_Redis_at_start_up_not_on_the_first_request()
    {
        var prefix = RedisEnvironment.NewPrefix();
        await using var app = RedisEnvironment.CreateInstance(new SharedDatabase(), RedisEnvironment.Node, prefix);
        foreach (var hosted in app.GetServices<Microsoft.Extensions.Hosting.IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        Assert.True(app.GetRequiredService<RedisCacheLevel>().Connection is { IsConnected: true }, "the connection must be up once the hosted services have started");
    }

    [Fact]
    public async Task The_subscription_dropping_clears_L1_because_invalidations_may_have_been_missed()
    {
        // A Redis of its own: killing every pub/sub client must not disturb the other tests' instances.
        await using var redis = await RedisProcess.StartNewAsync();
        var db = new SharedDatabase();
        var prefix = RedisEnvironment.NewPrefix();
        await using var app = RedisEnvironment.CreateInstance(db, redis.Endpoint, prefix);
        await RedisEnvironment.ConnectedAsync(app);
        using var raw = await RedisEnvironment.RawAsync(redis.Endpoint);
        await Eventually.TrueAsync(async () => await raw.GetServer(raw.GetEndPoints()[0]).SubscriptionSubscriberCountAsync(StackExchange.Redis.RedisChannel.Literal(prefix + "invalidations")) >= 1, "the subscription");
        var cache = app.GetRequiredService<CachingGenCache>();
        await app.GetRequiredService<IBalanceStore>().FindAsync(5);
        Assert.True(cache.Store.TryGet<Balance?>("bal:5", out _));

        await raw.GetServer(raw.GetEndPoints()[0]).ExecuteAsync("CLIENT", "KILL", "TYPE", "pubsub");

        await Eventually.TrueAsync(() => !cache.Store.TryGet<Balance?>("bal:5", out _), "L1 to be cleared after the subscription came back");
    }
}
