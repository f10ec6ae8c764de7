using CachingGen.Benchmarks.Fixtures;
using CachingGen.Storage;

namespace CachingGen.Benchmarks.Hit;

/// <summary>
/// A hit on three reads alike but for their policies, through the generated decorator: none (the baseline), fail-safe
/// with jitter (nothing on the hit path), and refresh-ahead (the hit checks whether the entry is due). The entries stay
/// fresh and never due, as on a steady hit path: refresh work happens once per key per TTL, not per hit.
/// </summary>
[MemoryDiagnoser]
public class PolicyHitBenchmarks
{
    private const long UserId = 42;
    private PolicyLookup _inner = null!;
    private IPolicyLookup _generated = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _inner = new PolicyLookup();
        _generated = new PolicyLookupCachingDecorator(_inner, new CachingGenCache(new InProcessCacheStore()));
        await Plain();
        await FailSafe();
        await RefreshAhead();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_inner.Calls != 3)
        {
            throw new InvalidOperationException($"the generated code called the repository {_inner.Calls} times; expected 3 warm-up misses");
        }
    }

    [Benchmark(Baseline = true, Description = "no policy")]
    public Task<IReadOnlyList<Balance>> Plain() => _generated.PlainAsync(UserId);

    [Benchmark(Description = "FailSafe + Jitter")]
    public Task<IReadOnlyList<Balance>> FailSafe() => _generated.FailSafeAsync(UserId);

    [Benchmark(Description = "RefreshAhead")]
    public Task<IReadOnlyList<Balance>> RefreshAhead() => _generated.RefreshAheadAsync(UserId);
}
