using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CachingGen;

namespace Wallets;

/// <summary>
/// A stand-in for a database repository: every call sleeps 20 ms and is counted, so the sample shows which
/// calls the cache answered. (samples/Balances runs the same shape against PostgreSQL.)
/// </summary>
public sealed class BalanceRepository(FakeDatabase db) : IBalanceRepository
{
    [Cached(ttl: "00:05:00", key: "balance:<id>")]
    public async Task<Balance?> FindByIdAsync(long id, CancellationToken ct = default)
    {
        await db.RoundTripAsync(ct);
        return db.Rows.TryGetValue(id, out var row) ? row : null;
    }

    [Cached(ttl: "00:01:00", key: "balance:user:<userId>")]
    public async Task<IReadOnlyList<Balance>> FindByUserIdAsync(long userId, CancellationToken ct = default)
    {
        await db.RoundTripAsync(ct);
        return db.Rows.Values.Where(b => b.UserId == userId).OrderBy(b => b.Id).ToList();
    }

    [Cached(ttl: "00:02:00", key: "balance:user:<userId>:total")]
    public async ValueTask<decimal> TotalBalanceByUserAsync(long userId, CancellationToken ct = default)
    {
        await db.RoundTripAsync(ct);
        return db.Rows.Values.Where(b => b.UserId == userId).Sum(b => b.Amount);
    }

    [Invalidates("balance:<id>")]
    [Invalidates("balance:user:<userId>")]
    [Invalidates("balance:user:<userId>:total")]
    public async Task CreditAsync(long id, long userId, decimal amount, CancellationToken ct = default)
    {
        await db.RoundTripAsync(ct);
        db.Rows.AddOrUpdate(id, _ => new Balance(id, userId, "USDC", amount), (_, b) => b with { Amount = b.Amount + amount });
    }
}

/// <summary>In-memory rows plus a counter of "database" round trips.</summary>
public sealed class FakeDatabase
{
    private int _roundTrips;

    public ConcurrentDictionary<long, Balance> Rows { get; } = new();

    public int RoundTrips => _roundTrips;

    public Task RoundTripAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _roundTrips);
        return Task.Delay(20, ct);
    }
}
