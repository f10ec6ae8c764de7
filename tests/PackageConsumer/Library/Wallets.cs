using CachingGen;

namespace PackageLibrary;

public sealed class WalletDb
{
    public Dictionary<int, decimal> Balances { get; } = new() { [1] = 100m, [2] = 0m };
    public int Reads;
}

// No interface: only interceptors can cache its calls, and a new user writes no setup for them.
public sealed class WalletRepository(WalletDb db)
{
    [Cached("5m", "wallet:<id>")]
    public Task<decimal> GetAsync(int id, CancellationToken ct = default)
    {
        Interlocked.Increment(ref db.Reads);
        return Task.FromResult(db.Balances[id]);
    }

    [Invalidates("wallet:<id>")]
    public Task CreditAsync(int id, decimal amount)
    {
        db.Balances[id] += amount;
        return Task.CompletedTask;
    }

    public async Task TransferAsync(int from, int to, decimal amount)
    {
        await CreditAsync(from, -amount);
        await CreditAsync(to, amount);
    }
}
