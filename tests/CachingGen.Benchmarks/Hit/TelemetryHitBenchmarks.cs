using CachingGen.Benchmarks.Fixtures;
using CachingGen.Diagnostics;
using CachingGen.Storage;

namespace CachingGen.Benchmarks.Hit;

/// <summary>
/// A hit through the generated decorator with the telemetry options at their defaults (the baseline) and with spans for
/// hits and keys in spans turned on, with nothing listening to the activity source: what an application pays for having
/// tracing configured but not sampled here. The meter's instruments exist in both (counters are observable: nothing on a hit).
/// </summary>
[MemoryDiagnoser]
public class TelemetryHitBenchmarks
{
    private const long UserId = 42;
    private CachedBalanceLookup _plainInner = null!;
    private CachedBalanceLookup _tracedInner = null!;
    private IBalanceLookup _plain = null!;
    private IBalanceLookup _traced = null!;
    private CachedBalanceLookup _controlInner = null!;
    private IBalanceLookup _control = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _plainInner = new CachedBalanceLookup();
        _tracedInner = new CachedBalanceLookup();
        _plain = new CachedBalanceLookupCachingDecorator(_plainInner, new CachingGenCache(new InProcessCacheStore()));
        _traced = new CachedBalanceLookupCachingDecorator(_tracedInner, new CachingGenCache(new InProcessCacheStore()) { Telemetry = new CacheTelemetryOptions { TraceHits = true, RecordKeys = true } });
        _controlInner = new CachedBalanceLookup();
        _control = new CachedBalanceLookupCachingDecorator(_controlInner, new CachingGenCache(new InProcessCacheStore()));
        await Default();
        await TracingOnNoListener();
        await SecondDefaultCache();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_plainInner.Calls != 1 || _tracedInner.Calls != 1 || _controlInner.Calls != 1)
        {
            throw new InvalidOperationException($"the repositories were called {_plainInner.Calls} and {_tracedInner.Calls} times; expected one warm-up miss each");
        }
    }

    [Benchmark(Baseline = true, Description = "telemetry options off (default)")]
    public Task<IReadOnlyList<Balance>> Default() => _plain.FindByUserIdAsync(UserId);

    // A control: another cache exactly like the baseline's, to tell the options' cost from where each cache's objects sit.
    [Benchmark(Description = "control: a second cache, options off")]
    public Task<IReadOnlyList<Balance>> SecondDefaultCache() => _control.FindByUserIdAsync(UserId);

    [Benchmark(Description = "TraceHits + RecordKeys on, no listener")]
    public Task<IReadOnlyList<Balance>> TracingOnNoListener() => _traced.FindByUserIdAsync(UserId);
}
