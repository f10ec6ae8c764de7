using Microsoft.Extensions.Caching.Memory;

namespace CachingGen.Benchmarks.Fixtures;

/// <summary>What teams write by hand: cache-aside over IMemoryCache with an interpolated key.</summary>
public sealed class HandWrittenBalanceLookup(IBalanceLookup inner, IMemoryCache cache) : IBalanceLookup
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);

    public async Task<IReadOnlyList<Balance>> FindByUserIdAsync(long userId)
    {
        var key = $"balance:user:{userId}";
        if (cache.TryGetValue(key, out IReadOnlyList<Balance>? cached))
        {
            return cached!;
        }

        var value = await inner.FindByUserIdAsync(userId);
        cache.Set(key, value, Ttl);
        return value;
    }

    public async Task<IReadOnlyList<Balance>> FindByUserAndTokenAsync(long userId, int tokenId)
    {
        var key = $"balance:user:{userId}:token:{tokenId}";
        if (cache.TryGetValue(key, out IReadOnlyList<Balance>? cached))
        {
            return cached!;
        }

        var value = await inner.FindByUserAndTokenAsync(userId, tokenId);
        cache.Set(key, value, Ttl);
        return value;
    }

    public async Task<IReadOnlyList<Balance>> FindByQueryAsync(BalanceQuery query)
    {
        var key = $"balance:q:{query.UserId}:{query.TokenId}";
        if (cache.TryGetValue(key, out IReadOnlyList<Balance>? cached))
        {
            return cached!;
        }

        var value = await inner.FindByQueryAsync(query);
        cache.Set(key, value, Ttl);
        return value;
    }

    public async Task<IReadOnlyList<Balance>> FindByAddressAsync(string address)
    {
        var key = $"balance:address:{address}";
        if (cache.TryGetValue(key, out IReadOnlyList<Balance>? cached))
        {
            return cached!;
        }

        var value = await inner.FindByAddressAsync(address);
        cache.Set(key, value, Ttl);
        return value;
    }
}
