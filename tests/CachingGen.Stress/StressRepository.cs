using System.Threading.Tasks;
using Dapper;
using Npgsql;

namespace CachingGen.Stress;

/// <summary>
/// stress_rows(id, version) through Dapper. A row belongs to group (id - 1) / <see cref="StressRows.GroupSize"/>;
/// every write bumps the row's version and returns the new one, so the database's answers are the write log.
/// </summary>
public sealed class StressRepository(NpgsqlDataSource db) : IStressRepository
{
    [Cached(ttl: "00:05:00", key: "stress:<id>")]
    public async Task<long> GetAsync(int id)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT version FROM stress_rows WHERE id = @id", new { id });
    }

    [Cached(ttl: "00:05:00", key: "stress:group:<group>:sum")]
    public async Task<long> SumAsync(int group)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COALESCE(SUM(version), 0)::bigint FROM stress_rows WHERE (id - 1) / @size = @group",
            new { group, size = StressRows.GroupSize });
    }

    [Invalidates("stress:<id>")]
    [Invalidates("stress:group:<group>:*")]
    public async Task<long> BumpAsync(int id, int group)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("UPDATE stress_rows SET version = version + 1 WHERE id = @id RETURNING version", new { id });
    }
}
