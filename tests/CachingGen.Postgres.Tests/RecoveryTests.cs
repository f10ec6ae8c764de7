using CachingGen.Diagnostics;

namespace CachingGen.Postgres.Tests;

/// <summary>
/// The feed when things go wrong: the application down while others write, the consumer's connection cut mid-stream,
/// PostgreSQL restarted, the slot dropped by hand. In each, no read is answered from a value a committed change made stale.
/// </summary>
public sealed class RecoveryTests(LogicalCluster cluster) : FeedTestBase(cluster)
{
    [Fact]
    public async Task Changes_committed_while_the_application_was_down_are_applied_before_start_up_returns()
    {
        var (db, slot) = await CreateDatabaseAndSlotAsync();
        var prefix = RedisConfiguration.NewPrefix();
        await using (var first = await FeedApp.StartAsync(db, slot, RedisConfiguration.Use(prefix)))
        {
            // Cached in Redis, which outlives the application.
            Assert.Equal(10m, await first.Accounts.BalanceAsync(1));
            await first.StopAsync();
        }

        await Schema.ExecuteAsync(db, "UPDATE accounts SET amount = 15 WHERE user_id = 1");

        await using var second = await FeedApp.StartAsync(db, slot, RedisConfiguration.Use(prefix));
        Assert.Equal(15m, await second.Accounts.BalanceAsync(1));
        Assert.Equal(1, second.Loads[nameof(IAccounts.BalanceAsync)]);
    }

    [Fact]
    public async Task A_consumer_whose_connection_is_cut_mid_stream_misses_nothing()
    {
        var (db, slot) = await CreateDatabaseAndSlotAsync();
        await using var app = await FeedApp.StartAsync(db, slot);
        Assert.Equal(10m, await app.Accounts.BalanceAsync(1));

        // Writes go on while the replication session is killed twice.
        var writes = Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                await Schema.ExecuteAsync(db, $"UPDATE accounts SET amount = {100 + i} WHERE user_id = 2");
                if (i % 10 == 0)
                {
                    // Cache a value that a later write makes stale.
                    await app.Accounts.BalanceAsync(2);
                }
            }
        });
        for (var i = 0; i < 2; i++)
        {
            await Task.Delay(100);
            await Schema.ExecuteAsync(db, $"SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE slot_name = '{slot}' AND active_pid IS NOT NULL");
        }

        await writes;
        Assert.Equal(299m, await ReadThroughAsync(app, 2));
        await app.WriteElsewhereAndSyncAsync("UPDATE accounts SET amount = 12 WHERE user_id = 1");
        Assert.Equal(12m, await app.Accounts.BalanceAsync(1));
        Assert.Equal(ChangeFeedState.Live, app.Feed.Status.State);
    }

    [Fact]
    public async Task PostgreSQL_restarted_the_feed_reconnects_and_applies_what_was_committed()
    {
        var db = await CreateDatabaseAsync();
        await using var app = await FeedApp.StartAsync(db, NewSlot());
        Assert.Equal(10m, await app.Accounts.BalanceAsync(1));
        Assert.Equal(20m, await app.Accounts.BalanceAsync(2));

        // Committed, then the server crashes before the feed may have applied it.
        await Schema.ExecuteAsync(db, "UPDATE accounts SET amount = 13 WHERE user_id = 1");
        await Cluster.RestartAsync();
        await app.WriteElsewhereAndSyncAsync("UPDATE accounts SET amount = 23 WHERE user_id = 2");

        Assert.Equal(13m, await app.Accounts.BalanceAsync(1));
        Assert.Equal(23m, await app.Accounts.BalanceAsync(2));
        Assert.Contains(app.Logs.ToArray(), l => l.Contains("reconnects", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_slot_dropped_by_hand_is_created_again_and_what_the_feed_covers_is_emptied()
    {
        var (db, slot) = await CreateDatabaseAndSlotAsync();
        await using var app = await FeedApp.StartAsync(db, slot);
        Assert.Equal(10m, await app.Accounts.BalanceAsync(1));

        await Schema.ExecuteAsync(db, $"SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE slot_name = '{slot}' AND active_pid IS NOT NULL");
        await Schema.ExecuteAsync(db, $"SELECT pg_drop_replication_slot('{slot}')");

        // Made while there is no slot: no stream will ever carry it.
        await Schema.ExecuteAsync(db, "UPDATE accounts SET amount = 14 WHERE user_id = 1");
        await Wait.UntilAsync(() => app.Logs.ToArray().Count(l => l.Contains("created anew", StringComparison.Ordinal)) == 1, "the slot created anew");
        await app.SyncAsync();

        Assert.Equal(14m, await app.Accounts.BalanceAsync(1));
    }

    [Fact]
    public async Task Two_instances_share_one_slot_through_the_backplane_and_the_standby_takes_over()
    {
        var (db, slot) = await CreateDatabaseAndSlotAsync();
        var prefix = RedisConfiguration.NewPrefix();
        await using var a = await FeedApp.StartAsync(db, slot, RedisConfiguration.Use(prefix));
        await using var b = await FeedApp.StartAsync(db, slot, RedisConfiguration.Use(prefix));
        Assert.True(a.Feed.Status.IsConsumer);
        await Wait.UntilAsync(() => b.Feed.Status.State == ChangeFeedState.Standby, "the second instance standing by");
        Assert.Equal(10m, await a.Accounts.BalanceAsync(1));
        Assert.Equal(10m, await b.Accounts.BalanceAsync(1));

        await Schema.ExecuteAsync(db, "UPDATE accounts SET amount = 16 WHERE user_id = 1");
        await a.SyncAsync();
        await b.SyncAsync();
        Assert.Equal(16m, await b.Accounts.BalanceAsync(1));
        Assert.Equal(16m, await a.Accounts.BalanceAsync(1));

        // The consumer goes away; the standby takes the slot over within seconds and nothing committed meanwhile is missed.
        await a.StopAsync();
        await Schema.ExecuteAsync(db, "UPDATE accounts SET amount = 17 WHERE user_id = 1");
        var watch = Stopwatch.StartNew();
        await Wait.UntilAsync(() => b.Feed.Status.IsConsumer, "the standby consuming");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took over after {watch.Elapsed}");
        await b.SyncAsync();
        Assert.Equal(17m, await b.Accounts.BalanceAsync(1));
    }

    [Fact]
    public async Task Without_a_backplane_an_instance_that_finds_its_slot_taken_fails_start_up()
    {
        var (db, slot) = await CreateDatabaseAndSlotAsync();
        await using var first = await FeedApp.StartAsync(db, slot);
        Assert.Contains(first.Logs.ToArray(), l => l.Contains("first start", StringComparison.Ordinal));

        // Its invalidations could never reach the second one: it must not start and serve what the first one's feed makes stale.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => FeedApp.StartAsync(db, slot));
        Assert.Contains("without a backplane", error.Message, StringComparison.Ordinal);
        Assert.Contains("SlotName", error.Message, StringComparison.Ordinal);
    }

    private static async Task<decimal?> ReadThroughAsync(FeedApp app, int userId)
    {
        await app.SyncAsync();
        return await app.Accounts.BalanceAsync(userId);
    }
}
