using System.Threading;

namespace CachingGen.Benchmarks.Fixtures;

/// <summary>
/// The "repository": answers from memory, so a benchmark of the hit path measures the cache, not a database.
/// Counts its calls so a benchmark can prove it is measuring hits.
/// </summary>
public class BalanceLookup : IBalanceLookup
{
    private static readonly IReadOnlyList<Balance> Rows = [new(1, 42, 1, 10.5m), new(2, 42, 2, 99.25m)];
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public virtual Task<IReadOnlyList<Balance>> FindByUserIdAsync(long userId)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(Rows);
    }

    public virtual Task<IReadOnlyList<Balance>> FindByUserAndTokenAsync(long userId, int tokenId)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(Rows);
    }

    public virtual Task<IReadOnlyList<Balance>> FindByQueryAsync(BalanceQuery query)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(Rows);
    }

    public virtual Task<IReadOnlyList<Balance>> FindByAddressAsync(string address)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(Rows);
    }
}
