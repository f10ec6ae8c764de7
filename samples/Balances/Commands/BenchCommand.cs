using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Balances.Data;
using CachingGen;
using CachingGen.Diagnostics;
using CachingGen.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Balances.Commands;

/// <summary>
/// For each cached query: cold latency (a miss: PostgreSQL through the decorator), warm latency from the
/// in-process level, and, with Redis, warm latency from Redis alone (L2 only); hit ratio and speedup.
/// </summary>
public static class BenchCommand
{
    private const int Keys = 300;
    private const int WarmReadsPerKey = 5;

    public static async Task<string> RunAsync(string connectionString, string? redis, int users, TextWriter log)
    {
        var random = new Random(7);
        var rows = new List<string>();
        var queries = new (string Name, string Method, Func<IBalanceRepository, long, Task> Call)[]
        {
            ("FindById", "FindByIdAsync", (r, k) => r.FindByIdAsync(k)),
            ("FindByUserId", "FindByUserIdAsync", (r, k) => r.FindByUserIdAsync(k)),
            ("FindByUserIdAndTokenId", "FindByUserIdAndTokenIdAsync", (r, k) => r.FindByUserIdAndTokenIdAsync(k, 1 + (int)(k % 3))),
            ("TotalBalanceByUser", "TotalBalanceByUserAsync", (r, k) => r.TotalBalanceByUserAsync(k)),
            ("FindByAddress", "FindByAddressAsync", (r, k) => r.FindByAddressAsync(Seeder.Address(k, 1))),
        };

        await using var local = Services(connectionString, redis: null, CacheLevels.LocalOnly);
        await using var distributed = redis is null ? null : Services(connectionString, redis, CacheLevels.DistributedOnly);
        if (distributed is not null)
        {
            await WaitForRedisAsync(distributed);
        }

        foreach (var (name, method, call) in queries)
        {
            // Each query gets keys no earlier phase has read, so its first read is a real miss.
            var keys = Enumerable.Range(0, Keys).Select(_ => (long)random.Next(1, users + 1)).Distinct().ToList();
            var before = Stats(local, method);
            var (cold, warm) = await MeasureAsync(local, keys, call);
            var after = Stats(local, method);
            var hits = after.Hits - before.Hits;
            var misses = after.Misses - before.Misses;
            Percentiles? l2 = null;
            if (distributed is not null)
            {
                (_, var l2Warm) = await MeasureAsync(distributed, keys, call, settle: true);
                l2 = Percentiles.Of(l2Warm);
            }

            var coldP = Percentiles.Of(cold);
            var warmP = Percentiles.Of(warm);
            rows.Add(string.Join(" | ", new[]
            {
                name, F(coldP.P50), F(coldP.P95), F(coldP.P99), F(warmP.P50), F(warmP.P95), F(warmP.P99),
                l2 is null ? "–" : F(l2.P50), l2 is null ? "–" : F(l2.P95), l2 is null ? "–" : F(l2.P99),
                (coldP.P50 / warmP.P50).ToString("N0", CultureInfo.InvariantCulture) + "×",
                (hits + misses == 0 ? 0 : (double)hits / (hits + misses)).ToString("P1", CultureInfo.InvariantCulture),
            }));
            await log.WriteLineAsync($"  {name}: cold p50 {F(coldP.P50)}, warm p50 {F(warmP.P50)} (ms unless µs)");
        }

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Balances bench — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; {users:N0} users, {Keys} keys per query, {WarmReadsPerKey} warm reads per key. Latencies in ms unless marked µs, measured by the caller through the generated decorator; cold = a miss (PostgreSQL), warm L1 = in-process hit, warm L2 = Redis hit with L1 off.");
        table.AppendLine();
        table.AppendLine("| query | cold p50 | cold p95 | cold p99 | warm L1 p50 | warm L1 p95 | warm L1 p99 | warm L2 p50 | warm L2 p95 | warm L2 p99 | speedup (p50 cold/L1) | hit ratio |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            table.AppendLine("| " + row + " |");
        }

        return table.ToString();
    }

    private static async Task<(List<double> Cold, List<double> Warm)> MeasureAsync(ServiceProvider services, List<long> keys, Func<IBalanceRepository, long, Task> call, bool settle = false)
    {
        var repository = services.GetRequiredService<IBalanceRepository>();
        var cold = new List<double>(keys.Count);
        var warm = new List<double>(keys.Count * WarmReadsPerKey);
        foreach (var key in keys)
        {
            cold.Add(await TimeAsync(() => call(repository, key)));
        }

        if (settle)
        {
            // L2 writes are off the caller's path: let them land before measuring L2 hits.
            await Task.Delay(500);
        }

        for (var i = 0; i < WarmReadsPerKey; i++)
        {
            foreach (var key in keys)
            {
                warm.Add(await TimeAsync(() => call(repository, key)));
            }
        }

        return (cold, warm);
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var start = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static ServiceProvider Services(string connectionString, string? redis, CacheLevels levels)
    {
        var services = new ServiceCollection();
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton<IBalanceRepository, BalanceRepository>();
        services.AddCachingGen(o =>
        {
            o.Levels = levels;
            if (redis is not null)
            {
                o.UseRedis(redis, r => r.KeyPrefix = "balances-bench:" + Guid.NewGuid().ToString("N")[..8] + ":");
            }
        });
        return services.BuildServiceProvider();
    }

    private static async Task WaitForRedisAsync(ServiceProvider services)
    {
        var level = services.GetRequiredService<CachingGen.Redis.RedisCacheLevel>();
        _ = services.GetRequiredService<CachingGenCache>();
        for (var i = 0; i < 100 && level.Connection is not { IsConnected: true }; i++)
        {
            await Task.Delay(50);
        }

        if (level.Connection is not { IsConnected: true })
        {
            throw new InvalidOperationException("Redis did not answer; check --redis.");
        }
    }

    private static CacheMethodStatistics Stats(ServiceProvider services, string method)
        => services.GetRequiredService<CachingGenCache>().Statistics.GetSnapshot().SingleOrDefault(s => s.Method.EndsWith("BalanceRepository." + method, StringComparison.Ordinal))
            ?? new CacheMethodStatistics(method, string.Empty, CacheMethodKind.Cached, 0, 0, 0, 0);

    // Sub-10 µs figures in microseconds: a warm hit would otherwise read 0.000 ms.
    private static string F(double milliseconds) => milliseconds < 0.01
        ? (milliseconds * 1000).ToString("0.0", CultureInfo.InvariantCulture) + " µs"
        : milliseconds.ToString(milliseconds < 1 ? "0.000" : "0.00", CultureInfo.InvariantCulture);
}
