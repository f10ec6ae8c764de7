using Dapper;
using Npgsql;

namespace CachingGen.Benchmarks.Miss;

public sealed class BalanceRows(NpgsqlDataSource db) : IBalanceRows
{
    public const string Sql = "SELECT id, user_id AS UserId, amount FROM bench_balances WHERE id = @id";

    [Cached("00:05:00", "bench:balance:<id>:<nonce>")]
    public async Task<BalanceRow?> FindAsync(long id, long nonce)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<BalanceRow>(Sql, new { id });
    }

    [Cached("00:05:00", "bench:speculative:<id>:<nonce>", SpeculativeLoad = true)]
    public async Task<BalanceRow?> FindSpeculativelyAsync(long id, long nonce)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<BalanceRow>(Sql, new { id });
    }
}
