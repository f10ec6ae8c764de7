using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using CachingGen.Distributed;
using CachingGen.Infrastructure;

namespace CachingGen.Postgres.Tests;

/// <summary>
/// At least once: the slot's confirmed position moves past a change only after the cache took its invalidations on every
/// level. A distributed level held down by the test (a gate, not a timing) keeps the position where it is; opened, the
/// invalidation arrives and the position moves.
/// </summary>
public sealed class DeliveryTests(LogicalCluster cluster) : FeedTestBase(cluster)
{
    [Fact]
    public async Task The_position_is_confirmed_only_after_every_level_took_the_invalidation()
    {
        var (db, slot) = await CreateDatabaseAndSlotAsync();
        var level = new GatedLevel();
        await using var app = await FeedApp.StartAsync(db, slot, o => o.DistributedFactory = _ => level);
        Assert.Equal(10m, await app.Accounts.BalanceAsync(1));
        level.Down = true;

        await Schema.ExecuteAsync(db, "UPDATE accounts SET amount = 18 WHERE user_id = 1");
        var written = await ScalarAsync<NpgsqlTypes.NpgsqlLogSequenceNumber>(db, "SELECT pg_current_wal_lsn()");
        await Wait.UntilAsync(() => level.Refused > 0, "the level refusing the feed's invalidation");

        // This instance's own level already dropped it; the distributed one refused, so the slot does not move past the change.
        Assert.Equal(18m, await app.Accounts.BalanceAsync(1));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.True(await ConfirmedAsync(db, slot) < written, "the slot confirmed a change whose invalidation no level took");
        Assert.DoesNotContain("balance:user:1", level.Removed);

        level.Down = false;
        await app.SyncAsync();
        Assert.Contains("balance:user:1", level.Removed);
        Assert.True(await ConfirmedAsync(db, slot) >= written);
    }

    [Fact]
    public async Task A_slot_holding_more_wal_than_allowed_is_dropped_created_again_and_the_cache_emptied()
    {
        var (db, slot) = await CreateDatabaseAndSlotAsync();
        var level = new GatedLevel();
        await using var app = await FeedApp.StartAsync(db, slot, o => o.DistributedFactory = _ => level, feed => feed.MaxRetainedWalBytes = 4L << 20);
        Assert.Equal(10m, await app.Accounts.BalanceAsync(1));

        // The level refuses, so the slot cannot move; meanwhile 8 MiB of WAL are written.
        level.Down = true;
        await Schema.ExecuteAsync(db, "UPDATE accounts SET amount = 19 WHERE user_id = 1; CREATE TABLE filler AS SELECT g, repeat('x', 200) AS pad FROM generate_series(1, 40000) g;");
        await Wait.UntilAsync(() => app.Logs.ToArray().Any(l => l.Contains("more than MaxRetainedWalBytes", StringComparison.Ordinal)), "the slot dropped past the WAL limit");

        level.Down = false;
        await Wait.UntilAsync(() => app.Logs.ToArray().Count(l => l.Contains("created anew", StringComparison.Ordinal)) == 1, "the slot created again");
        await app.SyncAsync();
        Assert.Contains("balance:user:*", level.Removed);
        Assert.Equal(19m, await app.Accounts.BalanceAsync(1));
        Assert.True(await ScalarAsync<long>(db, $"SELECT (pg_current_wal_lsn() - confirmed_flush_lsn)::bigint FROM pg_replication_slots WHERE slot_name = '{slot}'") < 4L << 20);
    }

    [Fact]
    public async Task A_load_that_read_the_row_before_the_commit_does_not_store_it_after_the_feed_invalidated()
    {
        await using var app = await StartOnNewDatabaseAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Loads.Gate = gate;

        // The load reads 10 and is held; another connection commits 31; the feed applies it while the load is in flight.
        var slow = app.Accounts.BalanceAsync(1);
        await app.Loads.AtGate.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await app.WriteElsewhereAndSyncAsync("UPDATE accounts SET amount = 31 WHERE user_id = 1");
        app.Loads.Gate = null;
        gate.SetResult();

        // Its caller gets what it read; the cache does not keep it: the next read loads the committed value.
        Assert.Equal(10m, await slow);
        Assert.Equal(31m, await app.Accounts.BalanceAsync(1));
        Assert.Equal(2, app.Loads[nameof(IAccounts.BalanceAsync)]);
    }

    [Fact]
    public async Task Start_up_names_the_reads_the_feed_cannot_cover_and_the_tables_it_follows()
    {
        await using var app = await StartOnNewDatabaseAsync();

        var logs = app.Logs.ToArray();
        Assert.Contains(logs, l => l.Contains("the change feed is live", StringComparison.Ordinal) && l.Contains("\"public\".\"accounts\"", StringComparison.Ordinal) && l.Contains("\"public\".\"notes\"", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Contains("cached reads may read tables the change feed cannot see", StringComparison.Ordinal) && l.Contains("UncoveredAsync", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_right_to_manage_the_publication_start_up_fails_with_the_sql_to_run()
    {
        var db = await CreateDatabaseAsync();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => FeedApp.StartAsync(db, NewSlot(), configure: feed => feed.ManagePublication = false));

        Assert.Contains("CREATE PUBLICATION", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"public\".\"accounts\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_applications_own_publication_may_list_more_tables_and_a_missing_one_is_added_not_set()
    {
        var (db, slot) = await CreateDatabaseAndSlotAsync();
        await Schema.ExecuteAsync(db, $"CREATE TABLE other (id int PRIMARY KEY); CREATE PUBLICATION {slot} FOR TABLE other, accounts, events WITH (publish_via_partition_root = true)");

        // Missing 'notes': the SQL adds it and leaves 'other' alone.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => FeedApp.StartAsync(db, slot, configure: feed => feed.ManagePublication = false));
        Assert.Contains($"ALTER PUBLICATION \"{slot}\" ADD TABLE \"public\".\"notes\"", error.Message, StringComparison.Ordinal);

        await Schema.ExecuteAsync(db, $"ALTER PUBLICATION {slot} ADD TABLE notes");
        await using var app = await FeedApp.StartAsync(db, slot, configure: feed => feed.ManagePublication = false);
        Assert.Equal(10m, await app.Accounts.BalanceAsync(1));
        await app.WriteElsewhereAndSyncAsync("UPDATE accounts SET amount = 21 WHERE user_id = 1");
        Assert.Equal(21m, await app.Accounts.BalanceAsync(1));
    }

    [Fact]
    public async Task An_applications_own_publication_that_publishes_partitions_fails_start_up_with_the_setting_to_change()
    {
        var (db, slot) = await CreateDatabaseAndSlotAsync();
        await Schema.ExecuteAsync(db, $"CREATE PUBLICATION {slot} FOR TABLE accounts, notes, events");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => FeedApp.StartAsync(db, slot, configure: feed => feed.ManagePublication = false));

        Assert.Contains($"ALTER PUBLICATION \"{slot}\" SET (publish_via_partition_root = true)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_waits_for_a_database_that_is_not_there_yet_then_fails_at_start_timeout_saying_so()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => FeedApp.StartAsync("Host=127.0.0.1;Port=1;Username=postgres;Timeout=1", NewSlot(), configure: feed => feed.StartTimeout = TimeSpan.FromSeconds(3)));

        Assert.Contains("did not catch up within StartTimeout (3 s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not answer yet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_that_may_not_create_the_publication_fails_start_up_with_the_sql_to_run()
    {
        var db = await CreateDatabaseAsync();
        var role = "r" + Guid.NewGuid().ToString("N")[..8];
        await Schema.ExecuteAsync(db, $"CREATE ROLE {role} LOGIN; GRANT SELECT ON accounts, notes TO {role}");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => FeedApp.StartAsync(db.Replace("Username=postgres", $"Username={role}", StringComparison.Ordinal), NewSlot()));

        Assert.Contains("may not create or alter the publication", error.Message, StringComparison.Ordinal);
        Assert.Contains("CREATE PUBLICATION", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_without_replication_fails_start_up_saying_so()
    {
        var db = await CreateDatabaseAsync();
        var role = "r" + Guid.NewGuid().ToString("N")[..8];
        var database = new NpgsqlConnectionStringBuilder(db).Database;
        await Schema.ExecuteAsync(db, $"CREATE ROLE {role} LOGIN; GRANT CREATE ON DATABASE {database} TO {role}; ALTER TABLE accounts OWNER TO {role}; ALTER TABLE notes OWNER TO {role}; ALTER TABLE events OWNER TO {role}; ALTER TABLE events_1 OWNER TO {role}; ALTER TABLE events_2 OWNER TO {role}");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => FeedApp.StartAsync(db.Replace("Username=postgres", $"Username={role}", StringComparison.Ordinal), NewSlot()));

        Assert.Contains("REPLICATION", error.Message, StringComparison.Ordinal);
    }

    private static async Task<NpgsqlTypes.NpgsqlLogSequenceNumber> ConfirmedAsync(string db, string slot)
        => await ScalarAsync<NpgsqlTypes.NpgsqlLogSequenceNumber>(db, $"SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = '{slot}'");

    private static async Task<T> ScalarAsync<T>(string db, string sql)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A distributed level the test holds down: its removals fail while <see cref="Down"/> is set.</summary>
    private sealed class GatedLevel : IDistributedCacheLevel
    {
        private int _refused;

        public volatile bool Down;

        public ConcurrentBag<string> Removed { get; } = new();

        public int Refused => Volatile.Read(ref _refused);

        public ValueTask<DistributedEntry<T>> TryGetAsync<T>(string key, IReadOnlyList<string> prefixes, uint resultShape, CancellationToken cancellationToken)
            => ValueTask.FromResult(DistributedEntry.Miss<T>("v"));

        public DistributedEntry<T> TryGet<T>(string key, IReadOnlyList<string> prefixes, uint resultShape) => DistributedEntry.Miss<T>("v");

        public Task<bool> SetAsync<T>(string key, T value, TimeSpan ttl, string version, IReadOnlyList<string> prefixes, uint resultShape) => Task.FromResult(true);

        public Task InvalidateAsync(string key) => Remove([key]);

        public Task InvalidatePrefixAsync(string prefix) => Remove([prefix + "*"]);

        public Task InvalidateAllAsync(IReadOnlyList<CacheInvalidation> invalidations)
            => Remove(invalidations.Select(i => i.IsPrefix ? i.KeyOrPrefix + "*" : i.KeyOrPrefix).ToArray());

        private Task Remove(string[] keys)
        {
            if (Down)
            {
                Interlocked.Increment(ref _refused);
                return Task.FromException(new IOException("the test holds this level down"));
            }

            foreach (var key in keys)
            {
                Removed.Add(key);
            }

            return Task.CompletedTask;
        }
    }
}
