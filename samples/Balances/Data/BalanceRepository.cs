using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CachingGen;
using Dapper;
using Npgsql;

namespace Balances.Data;

/// <summary>
/// The balances table through Dapper, with the caching rules of the service it replaces written as
/// attributes: CachingGen generates the cache-aside decorator, keys and invalidation.
/// </summary>
public sealed class BalanceRepository(NpgsqlDataSource db) : IBalanceRepository
{
    private const string Columns = """
        id, user_id AS UserId, token_id AS TokenId, address, amount, usd_value AS UsdValue,
        auto_convert_threshold AS AutoConvertThreshold, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    // The same columns for statements that join tokens (aliased b).
    private const string QualifiedColumns = """
        b.id, b.user_id AS UserId, b.token_id AS TokenId, b.address, b.amount, b.usd_value AS UsdValue,
        b.auto_convert_threshold AS AutoConvertThreshold, b.created_at AS CreatedAt, b.updated_at AS UpdatedAt
        """;

    // Fail-safe everywhere: while PostgreSQL is down, a key read before the outage keeps answering (for up to an hour
    // past its TTL; an invalidation removes the copy, so a write that succeeded is never undone). Refresh-ahead on the
    // hottest reads: under steady traffic they are reloaded in the background and never expire for their readers.
    [Cached(ttl: "00:05:00", key: "balance:<id>", FailSafe = "1h", RefreshAhead = 0.8)]
    public async Task<Balance?> FindByIdAsync(long id, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<Balance>(new CommandDefinition($"SELECT {Columns} FROM balances WHERE id = @id", new { id }, cancellationToken: ct));
    }

    [Cached(ttl: "00:01:00", key: "balance:user:<userId>", FailSafe = "1h", RefreshAhead = 0.8, Jitter = "5s")]
    public async Task<IReadOnlyList<Balance>> FindByUserIdAsync(long userId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<Balance>(new CommandDefinition($"SELECT {Columns} FROM balances WHERE user_id = @userId ORDER BY token_id, id", new { userId }, cancellationToken: ct));
        return rows.ToList();
    }

    [Cached(ttl: "00:05:00", key: "balance:user:<userId>:token:<tokenId>", FailSafe = "1h")]
    public async Task<Balance?> FindByUserIdAndTokenIdAsync(long userId, int tokenId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QueryFirstOrDefaultAsync<Balance>(new CommandDefinition($"SELECT {Columns} FROM balances WHERE user_id = @userId AND token_id = @tokenId ORDER BY id LIMIT 1", new { userId, tokenId }, cancellationToken: ct));
    }

    [Cached(ttl: "00:02:00", key: "balance:user:<userId>:total", FailSafe = "1h", RefreshAhead = 0.8)]
    public async Task<decimal> TotalBalanceByUserAsync(long userId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<decimal>(new CommandDefinition("SELECT COALESCE(SUM(usd_value), 0) FROM balances WHERE user_id = @userId", new { userId }, cancellationToken: ct));
    }

    [Cached(ttl: "00:05:00", key: "balance:address:<address>", FailSafe = "1h")]
    public async Task<IReadOnlyList<Balance>> FindByAddressAsync(string address, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<Balance>(new CommandDefinition($"SELECT {Columns} FROM balances WHERE address = @address ORDER BY id", new { address }, cancellationToken: ct));
        return rows.ToList();
    }

    // Paginated: deliberately not cached (every page and size would be its own entry, for little reuse).
    public async Task<IReadOnlyList<Balance>> GetByUserAsync(long userId, int limit, int offset, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<Balance>(new CommandDefinition($"SELECT {Columns} FROM balances WHERE user_id = @userId ORDER BY created_at, id LIMIT @limit OFFSET @offset", new { userId, limit, offset }, cancellationToken: ct));
        return rows.ToList();
    }

    [Invalidates("balance:user:<userId>")]
    [Invalidates("balance:user:<userId>:*")]
    [Invalidates("balance:address:<address>")]
    public async Task<Balance> CreateAsync(long userId, int tokenId, string address, decimal amount, decimal usdValue, CancellationToken ct = default)
    {
        RequireNotNegative(amount, nameof(amount));
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleAsync<Balance>(new CommandDefinition(
            $"INSERT INTO balances (user_id, token_id, address, amount, usd_value) VALUES (@userId, @tokenId, @address, @amount, @usdValue) RETURNING {Columns}",
            new { userId, tokenId, address, amount, usdValue },
            cancellationToken: ct));
    }

    [Invalidates("balance:<balance.Id>")]
    [Invalidates("balance:user:<balance.UserId>")]
    [Invalidates("balance:user:<balance.UserId>:*")]
    [Invalidates("balance:address:<balance.Address>")]
    public async Task<Balance> UpdateAsync(BalanceRef balance, decimal usdValue, decimal? autoConvertThreshold, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(balance);
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<Balance>(new CommandDefinition(
            $"UPDATE balances SET usd_value = @usdValue, auto_convert_threshold = @autoConvertThreshold, updated_at = now() WHERE id = @Id RETURNING {Columns}",
            new { balance.Id, usdValue, autoConvertThreshold },
            cancellationToken: ct)) ?? throw NotFound(balance.Id);
    }

    [Invalidates("balance:<balance.Id>")]
    [Invalidates("balance:user:<balance.UserId>")]
    [Invalidates("balance:user:<balance.UserId>:*")]
    [Invalidates("balance:address:<balance.Address>")]
    public async Task<Balance> CreditAsync(BalanceRef balance, decimal amount, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(balance);
        RequirePositive(amount);
        await using var connection = await db.OpenConnectionAsync(ct);

        // One statement: concurrent credits serialize on the row lock and none is lost; the USD value follows. The
        // limit is in the statement too, so no two concurrent credits can together pass it.
        var updated = await connection.QuerySingleOrDefaultAsync<Balance>(new CommandDefinition(
            $"UPDATE balances b SET amount = b.amount + @amount, usd_value = round((b.amount + @amount) * t.usd_price, 8), updated_at = now() FROM tokens t WHERE b.id = @Id AND t.id = b.token_id AND b.amount + @amount <= @MaxAmount RETURNING {QualifiedColumns}",
            new { balance.Id, amount, BalanceLimits.MaxAmount },
            cancellationToken: ct));
        return updated ?? throw (await ExistsAsync(connection, balance.Id, ct)
            ? new BalanceLimitException($"Balance {balance.Id} plus {amount} would exceed {BalanceLimits.MaxAmount}; nothing was credited.")
            : NotFound(balance.Id));
    }

    [Invalidates("balance:<balance.Id>")]
    [Invalidates("balance:user:<balance.UserId>")]
    [Invalidates("balance:user:<balance.UserId>:*")]
    [Invalidates("balance:address:<balance.Address>")]
    public async Task<Balance> DebitAsync(BalanceRef balance, decimal amount, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(balance);
        RequirePositive(amount);
        await using var connection = await db.OpenConnectionAsync(ct);

        // The balance check is in the statement itself, so no concurrent debit can take it below zero.
        var updated = await connection.QuerySingleOrDefaultAsync<Balance>(new CommandDefinition(
            $"UPDATE balances b SET amount = b.amount - @amount, usd_value = round((b.amount - @amount) * t.usd_price, 8), updated_at = now() FROM tokens t WHERE b.id = @Id AND t.id = b.token_id AND b.amount >= @amount RETURNING {QualifiedColumns}",
            new { balance.Id, amount },
            cancellationToken: ct));
        if (updated is not null)
        {
            return updated;
        }

        throw await ExistsAsync(connection, balance.Id, ct)
            ? new InsufficientFundsException($"Balance {balance.Id} has less than {amount}; nothing was debited.")
            : NotFound(balance.Id);
    }

    [Invalidates("balance:<balance.Id>")]
    [Invalidates("balance:user:<balance.UserId>")]
    [Invalidates("balance:user:<balance.UserId>:*")]
    [Invalidates("balance:address:<balance.Address>")]
    public async Task<bool> DeleteAsync(BalanceRef balance, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(balance);
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition("DELETE FROM balances WHERE id = @Id", new { balance.Id }, cancellationToken: ct)) == 1;
    }

    private static void RequirePositive(decimal amount)
    {
        if (amount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "The amount must be positive.");
        }
    }

    private static void RequireNotNegative(decimal amount, string name)
    {
        if (amount < 0)
        {
            throw new ArgumentOutOfRangeException(name, amount, "The amount must not be negative.");
        }
    }

    // Why a guarded UPDATE changed no row: the balance is gone, or the guard refused.
    private static Task<bool> ExistsAsync(NpgsqlConnection connection, long id, CancellationToken ct)
        => connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM balances WHERE id = @id)", new { id }, cancellationToken: ct));

    private static KeyNotFoundException NotFound(long id) => new($"No balance with id {id}.");
}
