using System.Threading;
using System.Threading.Tasks;
using Dapper;
using Npgsql;

namespace CachingGen.FeedProcess;

public interface IAmounts
{
    Task<decimal?> AmountAsync(int userId);
}

/// <summary>The read the feed keeps fresh: one account's amount by its key (the feed tests' accounts table).</summary>
public sealed class Amounts(NpgsqlDataSource db, Loads loads) : IAmounts
{
    [Cached("00:10:00", "amount:<userId>")]
    public async Task<decimal?> AmountAsync(int userId)
    {
        loads.Add();
        await using var connection = await db.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<decimal?>("SELECT amount FROM accounts WHERE user_id = @userId", new { userId });
    }
}

/// <summary>The repository's real calls in this process.</summary>
public sealed class Loads
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Add() => Interlocked.Increment(ref _count);
}
