using System.Collections.Concurrent;
using System.Collections.Generic;
using Dapper;

namespace CachingGen.Postgres.Tests.Infrastructure;

public interface IAccounts
{
    Task<decimal?> BalanceAsync(int userId);

    Task<int?> UserByEmailAsync(string email);

    Task<decimal> OwnerTotalAsync(int ownerId);

    Task<long> CountAsync();

    Task<string?> NoteAsync(int userId);

    Task SetBalanceAsync(int userId, decimal amount);

    Task<string> UncoveredAsync(int id);

    Task<int?> EventAsync(int tenant, int id);
}

/// <summary>
/// Repository code as an application writes it (Dapper, SQL in the method): the generator reads its SQL into the manifest
/// the feed maps row changes with. It counts its real calls so a test can tell a cached answer from a load.
/// </summary>
public sealed class Accounts(NpgsqlDataSource db, LoadCounter loads) : IAccounts
{
    // Bound exactly: accounts.user_id is the primary key.
    [Cached("00:10:00", "balance:user:<userId>")]
    public async Task<decimal?> BalanceAsync(int userId)
    {
        Count(nameof(BalanceAsync));
        await using var connection = await db.OpenConnectionAsync();
        var amount = await connection.QuerySingleOrDefaultAsync<decimal?>("SELECT amount FROM accounts WHERE user_id = @userId", new { userId });

        // A test may hold the load here, after it read the row: a slow query that saw the value before a commit.
        await loads.AtGateAsync();
        return amount;
    }

    // A key column that is not the primary key (unique, but not the replica identity).
    [Cached("00:10:00", "user:email:<email>")]
    public async Task<int?> UserByEmailAsync(string email)
    {
        Count(nameof(UserByEmailAsync));
        await using var connection = await db.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<int?>("SELECT user_id FROM accounts WHERE email = @email", new { email });
    }

    // Keyed by a column that is no key at all: an owner's total over many rows.
    [Cached("00:10:00", "owner:total:<ownerId>")]
    public async Task<decimal> OwnerTotalAsync(int ownerId)
    {
        Count(nameof(OwnerTotalAsync));
        await using var connection = await db.OpenConnectionAsync();
        return await connection.QuerySingleAsync<decimal>("SELECT coalesce(sum(amount), 0) FROM accounts WHERE owner_id = @ownerId", new { ownerId });
    }

    [Cached("00:10:00", "accounts:count")]
    public async Task<long> CountAsync()
    {
        Count(nameof(CountAsync));
        await using var connection = await db.OpenConnectionAsync();
        return await connection.QuerySingleAsync<long>("SELECT count(*) FROM accounts");
    }

    // A join: the feed cannot bind its key to one table's column, so it invalidates by prefix.
    [Cached("00:10:00", "note:user:<userId>")]
    public async Task<string?> NoteAsync(int userId)
    {
        Count(nameof(NoteAsync));
        await using var connection = await db.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<string?>("SELECT n.body FROM notes n JOIN accounts a ON a.user_id = n.user_id WHERE a.user_id = @userId", new { userId });
    }

    // A partitioned table: its rows live in partitions, and the feed must see changes under the table's own name.
    [Cached("00:10:00", "event:<tenant>:<id>")]
    public async Task<int?> EventAsync(int tenant, int id)
    {
        Count(nameof(EventAsync));
        await using var connection = await db.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<int?>("SELECT v FROM events WHERE tenant = @tenant AND id = @id", new { tenant, id });
    }

    // No SQL: a read the feed cannot cover, named at start-up (CG0032 at build time, suppressed here to test the run-time line).
#pragma warning disable CG0032
    [Cached("00:10:00", "elsewhere:<id>")]
    public Task<string> UncoveredAsync(int id) => Task.FromResult("from another source " + id);
#pragma warning restore CG0032

    // The owner's total it changes is left to the feed on purpose (the method does not know the owner): CG0029 says so,
    // and the tests show the feed covers it within its lag while this method's own key is removed at once.
#pragma warning disable CG0029
    [Invalidates("balance:user:<userId>")]
    public async Task SetBalanceAsync(int userId, decimal amount)
    {
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync("UPDATE accounts SET amount = @amount WHERE user_id = @userId", new { userId, amount });
    }
#pragma warning restore CG0029

    private void Count(string method) => loads.Add(method);
}

/// <summary>The repository's real calls per method, shared by every instance a container creates.</summary>
public sealed class LoadCounter
{
    private readonly ConcurrentDictionary<string, int> _loads = new();

    public int this[string method] => _loads.GetValueOrDefault(method);

    public void Add(string method) => _loads.AddOrUpdate(method, 1, (_, n) => n + 1);

    /// <summary>When set, a balance load waits here (after reading its row) until the test completes it.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Completed when a load reaches the gate.</summary>
    public TaskCompletionSource AtGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task AtGateAsync()
    {
        if (Gate is { } gate)
        {
            AtGate.TrySetResult();
            await gate.Task;
        }
    }
}
