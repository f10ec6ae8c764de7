using System.Threading.Tasks;

namespace CachingGen.Benchmarks.Miss;

public interface IBalanceRows
{
    /// <summary><paramref name="nonce"/> is only part of the key, so every call is a miss.</summary>
    Task<BalanceRow?> FindAsync(long id, long nonce);
}
