using System.Text.Json;
using CachingGen.Benchmarks.Fixtures;
using CachingGen.Redis;
using CachingGen.Storage;
using Dapper;
using Npgsql;

namespace CachingGen.Benchmarks.Miss;

/// <summary>
/// A miss against PostgreSQL: the raw Dapper query vs the generated decorator with both levels (look in L1, ask
/// Redis, query, store in L1, write Redis off the caller's path), and vs the same two-level miss written by hand. Every call uses a new key.
/// </summary>
[MemoryDiagnoser]
[BenchmarkDotNet.Attributes.SimpleJob(warmupCount: 3, iterationCount: 15)]
public class MissPathBenchmarks
{
    private NpgsqlDataSource _db = null!;
    private IBalanceRows _generated = null!;
    private IBalanceRows _generatedLocal = null!;
    private RedisCacheLevel _level = null!;
    private long _nonce;
    private long _id;

    [GlobalSetup]
    public async Task Setup()
    {
        _db = await BenchBalancesTable.OpenAsync();

        _level = new RedisCacheLevel(new RedisCacheOptions { Configuration = BenchEnvironment.Redis, KeyPrefix = "bench:" + Guid.NewGuid().ToString("N")[..8] + ":", OperationTimeout = TimeSpan.FromSeconds(2) });
        for (var i = 0; i < 200 && _level.Connection is not { IsConnected: true }; i++)
        {
            await Task.Delay(25);
        }

        // Every op stores a new key: a store large enough that compaction never runs keeps it out of the figure.
        _generated = new BalanceRowsCachingDecorator(new BalanceRows(_db), new CachingGenCache(new InProcessCacheStore(new InProcessCacheStoreOptions { MaxEntries = 2_000_000 }), _level, Distributed.CacheLevels.Both));
        _generatedLocal = new BalanceRowsCachingDecorator(new BalanceRows(_db), new CachingGenCache(new InProcessCacheStore(new InProcessCacheStoreOptions { MaxEntries = 2_000_000 })));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _level.Dispose();
        _db.Dispose();
    }

    [Benchmark(Baseline = true, Description = "raw Dapper query")]
    public async Task<BalanceRow?> Raw()
    {
        await using var connection = await _db.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<BalanceRow>(BalanceRows.Sql, new { id = NextId() });
    }

    /// <summary>What a user would write by hand for a two-level miss: ask Redis, query, store in Redis (awaited).</summary>
    [Benchmark(Description = "hand-written cache-aside miss (Redis GET, query, SET)")]
    public async Task<BalanceRow?> HandWrittenRedis()
    {
        var redis = _level.Connection!.GetDatabase();
        var id = NextId();
        var key = $"bench:hand:{id}:{++_nonce}";
        var cached = await redis.StringGetAsync(key);
        if (cached.HasValue)
        {
            return JsonSerializer.Deserialize<BalanceRow>((string)cached!);
        }

        BalanceRow? row;
        await using (var connection = await _db.OpenConnectionAsync())
        {
            row = await connection.QuerySingleOrDefaultAsync<BalanceRow>(BalanceRows.Sql, new { id });
        }

        await redis.StringSetAsync(key, JsonSerializer.Serialize(row), TimeSpan.FromMinutes(5));
        return row;
    }

    [Benchmark(Description = "CachingGen decorator, miss (L1 + Redis)")]
    public Task<BalanceRow?> Generated() => _generated.FindAsync(NextId(), ++_nonce);

    [Benchmark(Description = "CachingGen decorator, miss (L1 + Redis, SpeculativeLoad)")]
    public Task<BalanceRow?> GeneratedSpeculative() => _generated.FindSpeculativelyAsync(NextId(), ++_nonce);

    [Benchmark(Description = "CachingGen decorator, miss (L1 only)")]
    public Task<BalanceRow?> GeneratedLocalOnly() => _generatedLocal.FindAsync(NextId(), ++_nonce);

    private long NextId() => _id = _id % 1000 + 1;
}
