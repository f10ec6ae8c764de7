using CachingGen;

namespace CachingGen.Redis.Tests.Infrastructure;

/// <summary>A slow read cached with one load per cluster, counting its calls in this process.</summary>
public interface ISlowCounter
{
    Task<string> GetAsync(int id);
}

/// <summary>The repository calls of one instance.</summary>
public sealed class CallLog
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public int Add() => Interlocked.Increment(ref _calls);
}

public sealed class SlowCounter(CallLog log) : ISlowCounter
{
    [Cached("1m", "slow:<id>", ClusterSingleLoad = true, ClusterLoadWait = "1s")]
    public async Task<string> GetAsync(int id)
    {
        var call = log.Add();
        await Task.Delay(100);
        return $"value-{id}-{call}";
    }
}
