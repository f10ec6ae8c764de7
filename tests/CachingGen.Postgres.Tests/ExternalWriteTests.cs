namespace CachingGen.Postgres.Tests;

/// <summary>
/// Writes the application does not make (another connection, as another service or psql would) reach the cache through
/// the feed: each test caches, writes from outside, waits for the feed to apply everything committed so far, and reads.
/// </summary>
public sealed class ExternalWriteTests(LogicalCluster cluster) : FeedTestBase(cluster)
{
    [Fact]
    public async Task An_update_invalidates_that_rows_key_and_no_other()
    {
        await using var app = await StartOnNewDatabaseAsync();
        Assert.Equal(10m, await app.Accounts.BalanceAsync(1));
        Assert.Equal(20m, await app.Accounts.BalanceAsync(2));

        await app.WriteElsewhereAndSyncAsync("UPDATE accounts SET amount = 11 WHERE user_id = 1");

        Assert.Equal(11m, await app.Accounts.BalanceAsync(1));
        Assert.Equal(20m, await app.Accounts.BalanceAsync(2));
        Assert.Equal(3, app.Loads[nameof(IAccounts.BalanceAsync)]);
    }

    [Fact]
    public async Task An_insert_invalidates_the_new_rows_key_and_the_reads_over_the_table()
    {
        await using var app = await StartOnNewDatabaseAsync();
        Assert.Null(await app.Accounts.BalanceAsync(4));
        Assert.Equal(3L, await app.Accounts.CountAsync());
        Assert.Equal(10m, await app.Accounts.BalanceAsync(1));

        await app.WriteElsewhereAndSyncAsync("INSERT INTO accounts VALUES (4, 'd@example.com', 200, 40)");

        Assert.Equal(40m, await app.Accounts.BalanceAsync(4));
        Assert.Equal(4L, await app.Accounts.CountAsync());
        Assert.Equal(10m, await app.Accounts.BalanceAsync(1));
        Assert.Equal(3, app.Loads[nameof(IAccounts.BalanceAsync)]);
    }

    [Fact]
    public async Task A_delete_with_the_default_replica_identity_invalidates_the_deleted_rows_key()
    {
        await using var app = await StartOnNewDatabaseAsync();
        Assert.Equal(20m, await app.Accounts.BalanceAsync(2));
        Assert.Equal(10m, await app.Accounts.BalanceAsync(1));

        await app.WriteElsewhereAndSyncAsync("DELETE FROM accounts WHERE user_id = 2");

        Assert.Null(await app.Accounts.BalanceAsync(2));
        Assert.Equal(10m, await app.Accounts.BalanceAsync(1));
        Assert.Equal(3, app.Loads[nameof(IAccounts.BalanceAsync)]);
    }

    [Fact]
    public async Task A_truncate_empties_every_read_of_the_table()
    {
        await using var app = await StartOnNewDatabaseAsync();
        Assert.Equal(10m, await app.Accounts.BalanceAsync(1));
        Assert.Equal(3L, await app.Accounts.CountAsync());
        Assert.Equal(30m, await app.Accounts.OwnerTotalAsync(100));

        await app.WriteElsewhereAndSyncAsync("TRUNCATE accounts, notes");

        Assert.Null(await app.Accounts.BalanceAsync(1));
        Assert.Equal(0L, await app.Accounts.CountAsync());
        Assert.Equal(0m, await app.Accounts.OwnerTotalAsync(100));
    }

    [Fact]
    public async Task Several_statements_and_many_rows_in_one_transaction_are_all_applied()
    {
        await using var app = await StartOnNewDatabaseAsync();
        Assert.Equal(10m, await app.Accounts.BalanceAsync(1));
        Assert.Equal(20m, await app.Accounts.BalanceAsync(2));
        Assert.Equal(30m, await app.Accounts.BalanceAsync(3));
        Assert.Equal("first", await app.Accounts.NoteAsync(1));

        await app.WriteElsewhereAndSyncAsync("""
            BEGIN;
            UPDATE accounts SET amount = amount + 1 WHERE owner_id = 100;
            DELETE FROM accounts WHERE user_id = 3;
            UPDATE notes SET body = 'changed' WHERE user_id = 1;
            COMMIT;
            """);

        Assert.Equal(11m, await app.Accounts.BalanceAsync(1));
        Assert.Equal(21m, await app.Accounts.BalanceAsync(2));
        Assert.Null(await app.Accounts.BalanceAsync(3));
        Assert.Equal("changed", await app.Accounts.NoteAsync(1));
    }

    [Fact]
    public async Task A_rolled_back_transaction_invalidates_nothing()
    {
        await using var app = await StartOnNewDatabaseAsync();
        Assert.Equal(10m, await app.Accounts.BalanceAsync(1));

        await app.WriteElsewhereAndSyncAsync("BEGIN; UPDATE accounts SET amount = 99 WHERE user_id = 1; ROLLBACK;");

        Assert.Equal(10m, await app.Accounts.BalanceAsync(1));
        Assert.Equal(1, app.Loads[nameof(IAccounts.BalanceAsync)]);
        Assert.Equal(0, (app.Feed.Status.Tables.TryGetValue("accounts", out var counts) ? counts.Changes : 0));
    }

    [Fact]
    public async Task The_applications_own_writes_stay_immediate_and_the_feeds_duplicate_is_harmless()
    {
        await using var app = await StartOnNewDatabaseAsync();
        Assert.Equal(10m, await app.Accounts.BalanceAsync(1));

        await app.Accounts.SetBalanceAsync(1, 12m);

        // Read your writes: no wait for the feed.
        Assert.Equal(12m, await app.Accounts.BalanceAsync(1));
        await app.SyncAsync();
        Assert.Equal(12m, await app.Accounts.BalanceAsync(1));
        Assert.True(app.Feed.Status.Tables["accounts"].Changes >= 1);
    }

    [Fact]
    public async Task A_change_in_a_partition_invalidates_the_partitioned_tables_read_exactly()
    {
        await using var app = await StartOnNewDatabaseAsync();
        Assert.Equal(10, await app.Accounts.EventAsync(1, 1));
        Assert.Equal(20, await app.Accounts.EventAsync(2, 1));

        await app.WriteElsewhereAndSyncAsync("UPDATE events SET v = 11 WHERE tenant = 1 AND id = 1");

        Assert.Equal(11, await app.Accounts.EventAsync(1, 1));
        Assert.Equal(20, await app.Accounts.EventAsync(2, 1));
        Assert.Equal(3, app.Loads[nameof(IAccounts.EventAsync)]);
    }

    [Fact]
    public async Task A_join_is_invalidated_by_prefix_when_either_table_changes()
    {
        await using var app = await StartOnNewDatabaseAsync();
        Assert.Equal("first", await app.Accounts.NoteAsync(1));
        Assert.Equal("second", await app.Accounts.NoteAsync(2));

        await app.WriteElsewhereAndSyncAsync("UPDATE notes SET body = 'new' WHERE user_id = 2");

        Assert.Equal("new", await app.Accounts.NoteAsync(2));
        Assert.Equal("first", await app.Accounts.NoteAsync(1));
        Assert.Equal(4, app.Loads[nameof(IAccounts.NoteAsync)]);
    }
}
