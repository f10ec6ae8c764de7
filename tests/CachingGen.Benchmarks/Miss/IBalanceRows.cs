namespace CachingGen.Benchmarks.Miss;

public interface IBalanceRows
{
    /// <summary><paramref name="nonce"/> is only part of the key, so every call is a miss.</summary>
    Task<BalanceRow?> FindAsync(long id, long nonce);

    /// <summary>The same, with <see cref="CachedAttribute.SpeculativeLoad"/>.</summary>
    Task<BalanceRow?> FindSpeculativelyAsync(long id, long nonce);
}
