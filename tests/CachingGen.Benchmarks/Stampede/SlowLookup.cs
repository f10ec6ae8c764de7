using System.Threading;

namespace CachingGen.Benchmarks.Stampede;

public interface ISlowLookup
{
    Task<string> LoadAsync(long key);
}

/// <summary>A repository method that takes 50 ms, counting its real calls.</summary>
public sealed class SlowLookup : ISlowLookup
{
    public static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(50);
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    [Cached("00:05:00", "slow:<key>")]
    public async Task<string> LoadAsync(long key)
    {
        Interlocked.Increment(ref _calls);
        await Task.Delay(Latency);
        return "value " + key;
    }

    public void Reset() => Volatile.Write(ref _calls, 0);
}
