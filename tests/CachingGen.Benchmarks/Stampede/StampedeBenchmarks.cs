using CachingGen.Storage;
using ZiggyCreatures.Caching.Fusion;

namespace CachingGen.Benchmarks.Stampede;

/// <summary>
/// 1,000 concurrent callers on a cold key whose repository call takes 50 ms: the time until every caller has
/// its value. Each op uses a new key and checks that exactly one real call was made.
/// </summary>
[MemoryDiagnoser]
[BenchmarkDotNet.Attributes.SimpleJob(warmupCount: 3, iterationCount: 15)]
public class StampedeBenchmarks
{
    public const int Callers = 1000;
    private readonly SlowLookup _generatedInner = new();
    private readonly SlowLookup _fusionInner = new();
    private ISlowLookup _generated = null!;
    private FusionCache _fusion = null!;
    private long _key;

    [GlobalSetup]
    public void Setup()
    {
        _generated = new SlowLookupCachingDecorator(_generatedInner, new CachingGenCache(new InProcessCacheStore()));
        _fusion = new FusionCache(new FusionCacheOptions { DefaultEntryOptions = new FusionCacheEntryOptions { Duration = TimeSpan.FromMinutes(5) } });
    }

    [GlobalCleanup]
    public void Cleanup() => _fusion.Dispose();

    [Benchmark(Baseline = true, Description = "CachingGen: 1,000 callers, cold key, 50 ms load")]
    public async Task Generated()
    {
        var key = ++_key;
        _generatedInner.Reset();
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(() => _generated.LoadAsync(key))));
        Check(_generatedInner.Calls);
    }

    [Benchmark(Description = "FusionCache: 1,000 callers, cold key, 50 ms load")]
    public async Task Fusion()
    {
        var key = ++_key;
        _fusionInner.Reset();
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(() => _fusion.GetOrSetAsync<string>("slow:" + key, (_, _) => _fusionInner.LoadAsync(key)).AsTask())));
        Check(_fusionInner.Calls);
    }

    private static void Check(int calls)
    {
        if (calls != 1)
        {
            throw new InvalidOperationException($"{calls} real calls for one cold key; expected 1");
        }
    }
}
