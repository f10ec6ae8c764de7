using CachingGen.Benchmarks.Fixtures;
using CachingGen.Distributed;
using CachingGen.Redis;
using CachingGen.Storage;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CachingGen.Benchmarks.Write;

/// <summary>
/// A write against PostgreSQL: the raw UPDATE vs the same UPDATE through the generated decorator with one and with
/// three invalidations (two keys and a prefix), in process only and with Redis; and one Redis round trip on its own,
/// so the target (decorated ≤ raw + one Redis round trip × 1.1) can be read off one run.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class WritePathBenchmarks
{
    private NpgsqlDataSource _db = null!;
    private BalanceWrites _raw = null!;
    private IBalanceWrites _local = null!;
    private IBalanceWrites _redis = null!;
    private RedisCacheLevel _level = null!;
    private RedisCacheLevel _levelAlone = null!;
    private IBalanceWrites _redisWithoutBackplane = null!;
    private ServiceProvider _services = null!;
    private long _id;

    [GlobalSetup]
    public async Task Setup()
    {
        _db = await BenchBalancesTable.OpenAsync();

        _raw = new BalanceWrites(_db);
        _local = new BalanceWritesCachingDecorator(_raw, new CachingGenCache(new InProcessCacheStore()));

        // With Redis as an application gets it: UseRedis builds the level and the backplane over one connection.
        var services = new ServiceCollection();
        services.AddSingleton(_db);
        services.AddSingleton<IBalanceWrites, BalanceWrites>();
        services.AddCachingGen(o => o.UseRedis(BenchEnvironment.Redis, r =>
        {
            r.KeyPrefix = "bench:" + Guid.NewGuid().ToString("N")[..8] + ":";
            r.OperationTimeout = TimeSpan.FromSeconds(2);
        }));
        _services = services.BuildServiceProvider();
        _redis = _services.GetRequiredService<IBalanceWrites>();
        _level = _services.GetRequiredService<RedisCacheLevel>();
        // Where the floor is: the same Redis level with no backplane (no message published, none received back), so the
        // cost of the message itself can be read off the same run.
        _levelAlone = new RedisCacheLevel(new RedisCacheOptions
        {
            Configuration = BenchEnvironment.Redis,
            KeyPrefix = "bench:" + Guid.NewGuid().ToString("N")[..8] + ":",
            OperationTimeout = TimeSpan.FromSeconds(2),
        });
        _redisWithoutBackplane = new BalanceWritesCachingDecorator(_raw, new CachingGenCache(new InProcessCacheStore(), _levelAlone, CacheLevels.Both));
        for (var i = 0; i < 200 && (_level.Connection is not { IsConnected: true } || _levelAlone.Connection is not { IsConnected: true }); i++)
        {
            await Task.Delay(25);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _levelAlone.Dispose();
        _db.Dispose();
    }

    [Benchmark(Baseline = true, Description = "raw UPDATE")]
    public Task Raw() => _raw.UpdateAsync(NextId(), 0.01m);

    [Benchmark(Description = "one Redis round trip (PING)")]
    public Task RedisRoundTrip() => _level.Connection!.GetDatabase().PingAsync();

    [Benchmark(Description = "CachingGen, 1 invalidation (L1 only)")]
    public Task LocalOne() => _local.CreditOneAsync(NextId(), 0.01m);

    [Benchmark(Description = "CachingGen, 3 invalidations (L1 only)")]
    public Task LocalThree() => _local.CreditThreeAsync(NextId(), _id % 100, 0.01m);

    [Benchmark(Description = "CachingGen, 1 invalidation (L1 + Redis)")]
    public Task RedisOne() => _redis.CreditOneAsync(NextId(), 0.01m);

    [Benchmark(Description = "CachingGen, 3 invalidations (L1 + Redis)")]
    public Task RedisThree() => _redis.CreditThreeAsync(NextId(), _id % 100, 0.01m);

    [Benchmark(Description = "CachingGen, 1 invalidation (L1 + Redis level, no backplane)")]
    public Task RedisOneWithoutBackplane() => _redisWithoutBackplane.CreditOneAsync(NextId(), 0.01m);

    [Benchmark(Description = "CachingGen, 3 invalidations (L1 + Redis level, no backplane)")]
    public Task RedisThreeWithoutBackplane() => _redisWithoutBackplane.CreditThreeAsync(NextId(), _id % 100, 0.01m);

    private long NextId() => _id = _id % 1000 + 1;
}
