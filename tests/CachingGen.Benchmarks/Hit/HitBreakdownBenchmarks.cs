using System.Threading;
using CachingGen.Benchmarks.Fixtures;
using CachingGen.Infrastructure;
using CachingGen.Storage;

namespace CachingGen.Benchmarks.Hit;

/// <summary>
/// Where a decorated hit's time goes: each step of it on its own (the key on the stack, the runtime's look-up with the
/// key already built, the store probe by each route, the clock read, the counter), next to the whole hit. The parts
/// do not add up exactly (the whole hit is one inlined body), but they show which step a change can still win on.
/// </summary>
[MemoryDiagnoser]
public class HitBreakdownBenchmarks
{
    private const long UserId = 42;
    private const string Key = "balance:user:42";
    private static readonly CacheMethod Method = CacheMethod.ForCached("Benchmarks.HitBreakdown.FindByUserIdAsync", "balance:user:<userId>", TimeSpan.FromMinutes(5), cacheNulls: false);

    private readonly InProcessCacheStore _store = new();
    // Typed as the interface on purpose: this is the call a cache made through ICacheStore.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859", Justification = "Measures the interface call.")]
    private ICacheStore _storeAsInterface = null!;
    private CachingGenCache _cache = null!;
    private long _counter;

    [GlobalSetup]
    public void Setup()
    {
        IReadOnlyList<Balance> rows = [new Balance(1, UserId, 1, 10m), new Balance(2, UserId, 2, 20m)];
        _store.Set(Key, rows, TimeSpan.FromMinutes(5));
        _storeAsInterface = _store;
        _cache = new CachingGenCache(new InProcessCacheStore());
        _cache.Store.Set(Key, rows, TimeSpan.FromMinutes(5));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // Every look-up above must have been a hit, or the figures describe misses.
        if (!WholeHit() || !LookUpOnly() || !ProbeThroughInterface() || !ProbeDirect())
        {
            throw new InvalidOperationException("a breakdown step missed the warmed key");
        }
    }

    [Benchmark(Baseline = true, Description = "whole hit: key on the stack + CacheOperations.TryGetLocal")]
    public bool WholeHit()
    {
        var key = new CacheKeyBuilder(stackalloc char[64]);
        CachedBalanceLookupCacheKeys.AppendBalanceUserUserId(ref key, UserId);
        var found = CacheOperations.TryGetLocal<IReadOnlyList<Balance>>(_cache, key.AsSpan(), Method, out _);
        key.Dispose();
        return found;
    }

    [Benchmark(Description = "key only (stack span)")]
    public int KeyOnly()
    {
        var key = new CacheKeyBuilder(stackalloc char[64]);
        CachedBalanceLookupCacheKeys.AppendBalanceUserUserId(ref key, UserId);
        var length = key.Length;
        key.Dispose();
        return length;
    }

    [Benchmark(Description = "CacheOperations.TryGetLocal, key already built")]
    public bool LookUpOnly() => CacheOperations.TryGetLocal<IReadOnlyList<Balance>>(_cache, Key.AsSpan(), Method, out _);

    [Benchmark(Description = "store probe through ICacheStore (generic interface method)")]
    public bool ProbeThroughInterface() => _storeAsInterface.TryGet<IReadOnlyList<Balance>>(Key.AsSpan(), out _);

    [Benchmark(Description = "store probe on InProcessCacheStore (sealed, direct)")]
    public bool ProbeDirect() => _store.TryGet<IReadOnlyList<Balance>>(Key.AsSpan(), out _);

    [Benchmark(Description = "clock read (Environment.TickCount64)")]
    public long Clock() => Environment.TickCount64;

    [Benchmark(Description = "counter (Interlocked.Increment)")]
    public long Counter() => Interlocked.Increment(ref _counter);
}
