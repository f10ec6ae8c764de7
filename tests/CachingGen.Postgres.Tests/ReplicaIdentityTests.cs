namespace CachingGen.Postgres.Tests;

/// <summary>
/// Reads keyed by columns outside the replica identity. With the default identity an update sends no old values of
/// those columns, so the feed cannot know which key the row had: it invalidates the read's keys by prefix (fresh,
/// coarse). With <c>REPLICA IDENTITY FULL</c> it has the old row and removes exactly the old and the new keys.
/// </summary>
public sealed class ReplicaIdentityTests(LogicalCluster cluster) : FeedTestBase(cluster)
{
    [Fact]
    public async Task A_unique_column_that_is_not_the_key_is_fresh_by_prefix_with_the_default_identity()
    {
        await using var app = await StartOnNewDatabaseAsync();
        Assert.Equal(1, await app.Accounts.UserByEmailAsync("a@example.com"));
        Assert.Equal(2, await app.Accounts.UserByEmailAsync("b@example.com"));

        await app.WriteElsewhereAndSyncAsync("UPDATE accounts SET email = 'z@example.com' WHERE user_id = 1");

        Assert.Null(await app.Accounts.UserByEmailAsync("a@example.com"));
        Assert.Equal(1, await app.Accounts.UserByEmailAsync("z@example.com"));
        Assert.Equal(2, await app.Accounts.UserByEmailAsync("b@example.com"));
        Assert.Equal(5, app.Loads[nameof(IAccounts.UserByEmailAsync)]);
    }

    [Fact]
    public async Task A_unique_column_that_is_not_the_key_is_exact_with_full_identity()
    {
        var db = await CreateDatabaseAsync();
        await Schema.ExecuteAsync(db, "ALTER TABLE accounts REPLICA IDENTITY FULL");
        await using var app = await FeedApp.StartAsync(db, NewSlot());
        Assert.Equal(1, await app.Accounts.UserByEmailAsync("a@example.com"));
        Assert.Equal(2, await app.Accounts.UserByEmailAsync("b@example.com"));

        await app.WriteElsewhereAndSyncAsync("UPDATE accounts SET email = 'z@example.com' WHERE user_id = 1");

        Assert.Null(await app.Accounts.UserByEmailAsync("a@example.com"));
        Assert.Equal(2, await app.Accounts.UserByEmailAsync("b@example.com"));
        Assert.Equal(3, app.Loads[nameof(IAccounts.UserByEmailAsync)]);
    }

    [Fact]
    public async Task An_owners_total_is_fresh_by_prefix_with_the_default_identity()
    {
        await using var app = await StartOnNewDatabaseAsync();
        Assert.Equal(30m, await app.Accounts.OwnerTotalAsync(100));
        Assert.Equal(30m, await app.Accounts.OwnerTotalAsync(200));

        // The row moves from owner 100 to owner 200: both totals change.
        await app.WriteElsewhereAndSyncAsync("UPDATE accounts SET owner_id = 200 WHERE user_id = 1");

        Assert.Equal(20m, await app.Accounts.OwnerTotalAsync(100));
        Assert.Equal(40m, await app.Accounts.OwnerTotalAsync(200));
    }

    [Fact]
    public async Task An_owners_total_is_exact_with_full_identity_old_and_new_owner_only()
    {
        var db = await CreateDatabaseAsync();
        await Schema.ExecuteAsync(db, "ALTER TABLE accounts REPLICA IDENTITY FULL; INSERT INTO accounts VALUES (5, 'e@example.com', 300, 50)");
        await using var app = await FeedApp.StartAsync(db, NewSlot());
        Assert.Equal(30m, await app.Accounts.OwnerTotalAsync(100));
        Assert.Equal(30m, await app.Accounts.OwnerTotalAsync(200));
        Assert.Equal(50m, await app.Accounts.OwnerTotalAsync(300));

        await app.WriteElsewhereAndSyncAsync("UPDATE accounts SET owner_id = 200 WHERE user_id = 1");

        Assert.Equal(20m, await app.Accounts.OwnerTotalAsync(100));
        Assert.Equal(40m, await app.Accounts.OwnerTotalAsync(200));
        Assert.Equal(50m, await app.Accounts.OwnerTotalAsync(300));
        Assert.Equal(5, app.Loads[nameof(IAccounts.OwnerTotalAsync)]);
    }

    [Fact]
    public async Task A_case_insensitive_column_is_never_taken_for_an_exact_key()
    {
        var db = await CreateDatabaseAsync();
        await Schema.ExecuteAsync(db, """
            CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
            ALTER TABLE accounts ALTER COLUMN email TYPE text COLLATE nocase;
            ALTER TABLE accounts REPLICA IDENTITY FULL;
            """);
        await using var app = await FeedApp.StartAsync(db, NewSlot());

        // The key holds the text the caller gave; the row holds another spelling of the same value.
        Assert.Equal(1, await app.Accounts.UserByEmailAsync("A@EXAMPLE.COM"));
        await app.WriteElsewhereAndSyncAsync("UPDATE accounts SET owner_id = 300, email = 'q@example.com' WHERE user_id = 1");

        Assert.Null(await app.Accounts.UserByEmailAsync("A@EXAMPLE.COM"));
    }
}
