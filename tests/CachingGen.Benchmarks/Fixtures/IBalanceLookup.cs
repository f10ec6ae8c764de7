namespace CachingGen.Benchmarks.Fixtures;

/// <summary>The repository method every hit-path comparison caches: one user's balances (a 2-row list).</summary>
public interface IBalanceLookup
{
    Task<IReadOnlyList<Balance>> FindByUserIdAsync(long userId);

    Task<IReadOnlyList<Balance>> FindByUserAndTokenAsync(long userId, int tokenId);

    Task<IReadOnlyList<Balance>> FindByQueryAsync(BalanceQuery query);

    Task<IReadOnlyList<Balance>> FindByAddressAsync(string address);
}
