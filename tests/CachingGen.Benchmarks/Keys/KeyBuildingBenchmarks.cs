using CachingGen.Benchmarks.Fixtures;
using CachingGen.Infrastructure;

namespace CachingGen.Benchmarks.Keys;

/// <summary>Building the key <c>balance:user:42</c>: generated builder vs interpolation vs string.Format.</summary>
[MemoryDiagnoser]
public class KeyBuildingBenchmarks
{
    private readonly long _userId = 1234567;

    [Benchmark(Baseline = true, Description = "$\"balance:user:{userId}\"")]
    public string Interpolated() => $"balance:user:{_userId}";

    [Benchmark(Description = "string.Format (invariant)")]
    public string Format() => string.Format(CultureInfo.InvariantCulture, "balance:user:{0}", _userId);

    [Benchmark(Description = "generated builder → string")]
    public string Generated() => CachedBalanceLookupCacheKeys.BalanceUserUserId(_userId);

    [Benchmark(Description = "generated builder → stack span (the hit path)")]
    public int GeneratedSpan()
    {
        var key = new CacheKeyBuilder(stackalloc char[64]);
        CachedBalanceLookupCacheKeys.AppendBalanceUserUserId(ref key, _userId);
        var length = key.AsSpan().Length;
        key.Dispose();
        return length;
    }
}
