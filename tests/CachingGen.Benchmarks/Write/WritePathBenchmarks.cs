using CachingGen.Benchmarks.Fixtures;
using CachingGen.Distributed;
using CachingGen.Redis;
using CachingGen.Storage;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StackExchange.Redis;

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
    private IDatabase _handWritten = null!;
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

        _handWritten = _level.Connection!.GetDatabase();
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

    // What a hand-written write does against the same Redis after the same UPDATE: the floor any library's write has on
    // this machine (the round trip as a caller awaits it, continuation included), next to the PING's bare round trip.
    [Benchmark(Description = "hand-written: raw UPDATE, then DEL of one key")]
    public async Task HandWrittenOne()
    {
        var id = NextId();
        await _raw.UpdateAsync(id, 0.01m);
        await _handWritten.KeyDeleteAsync("bench:hand:" + id.ToString(CultureInfo.InvariantCulture));
    }

    // Two keys and a prefix in one round trip, as a careful hand-written cache does it: DEL both keys and bump the
    // prefix's generation counter in one batch (no message to other instances, no version for in-flight loads).
    [Benchmark(Description = "hand-written: raw UPDATE, then DEL of two keys + INCR of a prefix generation (one batch)")]
    public async Task HandWrittenThree()
    {
        var id = NextId();
        var userId = _id % 100;
        await _raw.UpdateAsync(id, 0.01m);
        var batch = _handWritten.CreateBatch();
        var removed = batch.KeyDeleteAsync(["bench:hand:" + id.ToString(CultureInfo.InvariantCulture), "bench:hand:user:" + userId.ToString(CultureInfo.InvariantCulture)]);
        var bumped = batch.StringIncrementAsync("bench:hand:user:" + userId.ToString(CultureInfo.InvariantCulture) + ":generation");
        batch.Execute();
        await Task.WhenAll(removed, bumped);
    }

    // The library's script sent on its own right after the same UPDATE (no message published): the decorated rows
    // without a backplane minus these are what CachingGen's own code adds to a write.
    [Benchmark(Description = "script alone: raw UPDATE, then the invalidation script for one key (no message)")]
    public async Task ScriptOne()
    {
        var id = NextId();
        await _raw.UpdateAsync(id, 0.01m);
        var key = "bench:script:" + id.ToString(CultureInfo.InvariantCulture);
        await _handWritten.ScriptEvaluateAsync(CachingGen.Redis.Internals.RedisScripts.InvalidateAll, [key, key + ":v"], [Retention, 1]);
    }

    [Benchmark(Description = "script alone: raw UPDATE, then the invalidation script for two keys and a prefix (no message)")]
    public async Task ScriptThree()
    {
        var id = NextId();
        var user = "bench:script:user:" + (_id % 100).ToString(CultureInfo.InvariantCulture);
        await _raw.UpdateAsync(id, 0.01m);
        var key = "bench:script:" + id.ToString(CultureInfo.InvariantCulture);
        await _handWritten.ScriptEvaluateAsync(CachingGen.Redis.Internals.RedisScripts.InvalidateAll, [key, key + ":v", user, user + ":v", user + ":*:pv", user + ":*:tag"], [Retention, 2]);
    }

    private const long Retention = 60_000;

    private long NextId() => _id = _id % 1000 + 1;
}
