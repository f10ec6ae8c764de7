using Dapper;
using Npgsql;

namespace CachingGen.Benchmarks.Write;

/// <summary>One UPDATE, invalidating one key, or three (two keys and a prefix) the way the Balances sample's writes do.</summary>
public sealed class BalanceWrites(NpgsqlDataSource db) : IBalanceWrites
{
    public const string Sql = "UPDATE bench_balances SET amount = amount + @amount WHERE id = @id";

    // The reads the writes invalidate (CG0015 makes an invalidation that matches no cached key an error).
    [Cached("00:05:00", "bench:write:<id>")]
    public async Task<decimal> AmountAsync(long id)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<decimal>("SELECT amount FROM bench_balances WHERE id = @id", new { id });
    }

    [Cached("00:05:00", "bench:write:user:<userId>")]
    public async Task<decimal> UserTotalAsync(long userId)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<decimal>("SELECT coalesce(sum(amount), 0) FROM bench_balances WHERE user_id = @userId", new { userId });
    }

    [Cached("00:05:00", "bench:write:user:<userId>:count")]
    public async Task<long> UserCountAsync(long userId)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM bench_balances WHERE user_id = @userId", new { userId });
    }

    [Invalidates("bench:write:<id>")]
    public Task CreditOneAsync(long id, decimal amount) => UpdateAsync(id, amount);

    [Invalidates("bench:write:<id>")]
    [Invalidates("bench:write:user:<userId>")]
    [Invalidates("bench:write:user:<userId>:*")]
    public Task CreditThreeAsync(long id, long userId, decimal amount) => UpdateAsync(id, amount);

    // The raw write the benchmark compares with: deliberately invalidates nothing (its callers above do).
#pragma warning disable CG0029
    public async Task UpdateAsync(long id, decimal amount)
#pragma warning restore CG0029
    {
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync(Sql, new { id, amount });
    }
}
