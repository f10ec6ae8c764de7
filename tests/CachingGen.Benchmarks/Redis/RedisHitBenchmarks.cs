using System.Text.Json;
using CachingGen.Benchmarks.Fixtures;
using CachingGen.Distributed;
using CachingGen.Redis;
using CachingGen.Storage;
using StackExchange.Redis;

namespace CachingGen.Benchmarks.Redis;

/// <summary>
/// A Redis hit with the in-process level off: the generated decorator (one script returning value, remaining
/// TTL and version, then deserialization) vs the least a hand-written client does (GET + deserialize).
/// </summary>
[MemoryDiagnoser]
[BenchmarkDotNet.Attributes.SimpleJob(warmupCount: 3, iterationCount: 15)]
public class RedisHitBenchmarks
{
    private const long UserId = 42;
    private IBalanceLookup _generated = null!;
    private CachedBalanceLookup _inner = null!;
    private RedisCacheLevel _level = null!;
    private ConnectionMultiplexer _raw = null!;
    private RedisKey _rawKey;

    [GlobalSetup]
    public async Task Setup()
    {
        var prefix = "bench:" + Guid.NewGuid().ToString("N")[..8] + ":";
        _level = new RedisCacheLevel(new RedisCacheOptions { Configuration = BenchEnvironment.Redis, KeyPrefix = prefix, OperationTimeout = TimeSpan.FromSeconds(2) });
        for (var i = 0; i < 200 && _level.Connection is not { IsConnected: true }; i++)
        {
            await Task.Delay(25);
        }

        _inner = new CachedBalanceLookup();
        _generated = new CachedBalanceLookupCachingDecorator(_inner, new CachingGenCache(new InProcessCacheStore(), _level, CacheLevels.DistributedOnly));
        var rows = await _generated.FindByUserIdAsync(UserId);
        _raw = await ConnectionMultiplexer.ConnectAsync(BenchEnvironment.Redis);
        _rawKey = prefix + "raw:balance:user:42";
        await _raw.GetDatabase().StringSetAsync(_rawKey, JsonSerializer.SerializeToUtf8Bytes(rows), TimeSpan.FromMinutes(5));

        // Let the decorator's write (off the caller's path) land, then check it is a hit.
        for (var i = 0; i < 200 && !await _raw.GetDatabase().KeyExistsAsync(prefix + "{balance:user:42}"); i++)
        {
            await Task.Delay(10);
        }

        await Generated();
        if (_inner.Calls != 1)
        {
            var stored = await _raw.GetDatabase().KeyExistsAsync(prefix + "{balance:user:42}");
            throw new InvalidOperationException($"the generated decorator did not hit Redis (repository calls: {_inner.Calls}, level connected: {_level.Connection?.IsConnected}, entry in Redis: {stored})");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_inner.Calls != 1)
        {
            throw new InvalidOperationException($"the repository was called {_inner.Calls} times; the benchmark measured misses");
        }

        _level.Dispose();
        _raw.Dispose();
    }

    [Benchmark(Baseline = true, Description = "raw StringGetAsync + JsonSerializer.Deserialize")]
    public async Task<IReadOnlyList<Balance>> Raw()
    {
        var value = await _raw.GetDatabase().StringGetAsync(_rawKey);
        return JsonSerializer.Deserialize<IReadOnlyList<Balance>>((byte[])value!)!;
    }

    [Benchmark(Description = "CachingGen decorator, Redis hit (L1 off)")]
    public Task<IReadOnlyList<Balance>> Generated() => _generated.FindByUserIdAsync(UserId);
}
