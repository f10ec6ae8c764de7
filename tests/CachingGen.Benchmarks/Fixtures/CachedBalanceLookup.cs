namespace CachingGen.Benchmarks.Fixtures;

/// <summary>The same repository, annotated: CachingGen generates <c>CachedBalanceLookupCachingDecorator</c>.</summary>
public sealed class CachedBalanceLookup : BalanceLookup
{
    [Cached("00:05:00", "balance:user:<userId>")]
    public override Task<IReadOnlyList<Balance>> FindByUserIdAsync(long userId) => base.FindByUserIdAsync(userId);

    [Cached("00:05:00", "balance:user:<userId>:token:<tokenId>")]
    public override Task<IReadOnlyList<Balance>> FindByUserAndTokenAsync(long userId, int tokenId) => base.FindByUserAndTokenAsync(userId, tokenId);

    [Cached("00:05:00", "balance:q:<query.UserId>:<query.TokenId>")]
    public override Task<IReadOnlyList<Balance>> FindByQueryAsync(BalanceQuery query) => base.FindByQueryAsync(query);

    [Cached("00:05:00", "balance:address:<address>")]
    public override Task<IReadOnlyList<Balance>> FindByAddressAsync(string address) => base.FindByAddressAsync(address);
}
