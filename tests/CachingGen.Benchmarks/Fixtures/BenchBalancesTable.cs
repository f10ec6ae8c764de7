using Dapper;
using Npgsql;

namespace CachingGen.Benchmarks.Fixtures;

/// <summary>The 1,000-row table the PostgreSQL benchmarks read and write, created once and shared.</summary>
public static class BenchBalancesTable
{
    /// <summary>A data source on <see cref="BenchEnvironment.Postgres"/> with the table in place.</summary>
    public static async Task<NpgsqlDataSource> OpenAsync()
    {
        var db = NpgsqlDataSource.Create(BenchEnvironment.Postgres);
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            CREATE TABLE IF NOT EXISTS bench_balances (id bigint PRIMARY KEY, user_id bigint NOT NULL, amount numeric NOT NULL);
            INSERT INTO bench_balances SELECT g, g % 100, g * 1.5 FROM generate_series(1, 1000) g ON CONFLICT DO NOTHING;
            """);
        return db;
    }
}
