using System;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace CachingGen.Stress;

/// <summary>
/// A slow read that counts its calls in Redis (shared by every process of the run), so the test sees how many
/// repository calls all instances together made; each call returns a value no other call returns.
/// </summary>
public sealed class SingleLoadRepository(IConnectionMultiplexer counter, SingleLoadOptions options) : ISingleLoadRepository
{
    [Cached("1m", "single:<id>", ClusterSingleLoad = true, ClusterLoadWait = "10s")]
    public async Task<string> GetAsync(int id)
    {
        await counter.GetDatabase().StringIncrementAsync(options.Prefix + "calls");
        await Task.Delay(options.LoadTime);
        return $"{options.Name}:{Guid.NewGuid():N}";
    }
}
