using System.Diagnostics;
using System.IO;
using System.Threading;
using CachingGen.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CachingGen.Benchmarks.Feed;

/// <summary>
/// <c>--feed</c>: the PostgreSQL change feed measured. Two application instances (own containers and in-process stores,
/// one Redis, one slot: one consumes, the other stands by and hears the backplane) and a writer in another process.
/// 1. PostgreSQL's write throughput with no slot, then with the publication, the slot and its consumer (same writer).
/// 2. At a paced rate of external writes: per write, commit returned → the moment the last instance removed the key
///    (p50/p99), and this process's CPU per 1,000 changes/s above its idle CPU.
/// </summary>
public static class FeedBenchmark
{
    private const int Rows = 100_000;

    public static async Task<int> RunAsync(string connectionString, string redis, int rate, int seconds)
    {
        Console.WriteLine($"== change feed: {Environment.ProcessorCount} cores, {rate:N0} writes/s for {seconds} s over {Rows:N0} rows; PostgreSQL and Redis on loopback");
        await PrepareAsync(connectionString);

        var without = await WriteAsync(connectionString, rate: 0, seconds: 10, connections: 8);
        Console.WriteLine($"PostgreSQL writes, no slot:                 {without.Count / 10.0,10:N0} /s");

        var prefix = "fb" + Guid.NewGuid().ToString("N")[..8] + ":";
        var (a, clockA) = await StartInstanceAsync(connectionString, Environment.GetEnvironmentVariable("FEEDBENCH_ONE") == "1" ? null : redis, prefix);
        // FEEDBENCH_ONE=1: one instance without Redis, to tell the consumer's own cost from the standby's and Redis's.
        var one = Environment.GetEnvironmentVariable("FEEDBENCH_ONE") == "1";
        var (b, clockB) = one ? (a, clockA) : await StartInstanceAsync(connectionString, redis, prefix);
        try
        {
            var fresh = await IdleCpuAsync();
            Console.WriteLine($"this process's CPU, idle after start:     {fresh * 100:0.0} % of a core");
            var with = await WriteAsync(connectionString, rate: 0, seconds: 10, connections: 8);
            Console.WriteLine($"PostgreSQL writes, publication + slot + consumer: {with.Count / 10.0,10:N0} /s  ({(double)with.Count / without.Count:0.00}x)");
            await CaughtUpAsync(connectionString);

            var idle = await IdleCpuAsync();
            var process = Process.GetCurrentProcess();

            clockA.Removals.Clear();
            clockB.Removals.Clear();
            process.Refresh();
            var busyStart = process.TotalProcessorTime;
            var busyClock = Stopwatch.StartNew();
            var writes = await WriteAsync(connectionString, rate, seconds, connections: 4);
            await CaughtUpAsync(connectionString);
            process.Refresh();
            var busy = (process.TotalProcessorTime - busyStart).TotalSeconds / busyClock.Elapsed.TotalSeconds;
            var achieved = writes.Count / (double)seconds;

            var latencies = Latencies(writes, [Index(clockA), Index(clockB)], out var unmatched);
            latencies.Sort();
            Console.WriteLine($"external writes applied:                  {writes.Count:N0} ({achieved:N0}/s), {unmatched} not seen removed");
            Console.WriteLine($"commit → every instance fresh:            p50 {Percentile(latencies, 0.50):0.0} ms, p99 {Percentile(latencies, 0.99):0.0} ms, max {latencies[^1]:0.0} ms");
            Console.WriteLine($"this process's CPU (two instances):       {busy * 100:0.0} % of a core at {achieved:N0} changes/s, {idle * 100:0.0} % idle → {(busy - idle) * 100 / (achieved / 1000):0.0} % of a core per 1,000 changes/s");
            return unmatched == 0 ? 0 : 1;
        }
        finally
        {
            await StopAsync(a);
            if (!ReferenceEquals(a, b))
            {
                await StopAsync(b);
            }

            await DecodingOnlyAsync(connectionString, without.Count);
            await using var db = NpgsqlDataSource.Create(connectionString);
            await using var drop = db.CreateCommand("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = 'feedbench' AND NOT active; DROP PUBLICATION IF EXISTS feedbench");
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// Why the slot costs throughput: the same writer while PostgreSQL's own pg_recvlogical consumes a slot on the same
    /// publication (decoding in the WAL sender, no application): what remains is the consumer's share of the cores.
    /// </summary>
    private static async Task DecodingOnlyAsync(string connectionString, int without)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var folder = Environment.GetEnvironmentVariable("CACHINGGEN_PG_BIN") ?? "/usr/lib/postgresql/15/bin";
        var start = new ProcessStartInfo(Path.Combine(folder, "pg_recvlogical")) { RedirectStandardError = true };
        foreach (var argument in new[] { "-h", builder.Host!, "-p", builder.Port.ToString(), "-U", builder.Username ?? "postgres", "-d", builder.Database ?? "postgres", "--slot", "feedbench_recv", "--create-slot", "--start", "--if-not-exists", "-P", "pgoutput", "-o", "proto_version=1", "-o", "publication_names=feedbench", "-f", "/dev/null" })
        {
            start.ArgumentList.Add(argument);
        }

        using (var receiver = Process.Start(start)!)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var decoded = await WriteAsync(connectionString, rate: 0, seconds: 10, connections: 8);
            Console.WriteLine($"PostgreSQL writes, slot read by pg_recvlogical:   {decoded.Count / 10.0,10:N0} /s  ({(double)decoded.Count / without:0.00}x: decoding alone)");
            receiver.Kill();
            await receiver.WaitForExitAsync();
        }

        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var drop = db.CreateCommand("SELECT pg_drop_replication_slot('feedbench_recv')");
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>This process's CPU over 5 s of no writes, as a fraction of one core.</summary>
    private static async Task<double> IdleCpuAsync()
    {
        var process = Process.GetCurrentProcess();
        var start = process.TotalProcessorTime;
        await Task.Delay(TimeSpan.FromSeconds(5));
        process.Refresh();
        return (process.TotalProcessorTime - start).TotalSeconds / 5;
    }

    private static async Task PrepareAsync(string connectionString)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var command = db.CreateCommand($"""
            SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = 'feedbench' AND NOT active;
            DROP TABLE IF EXISTS feed_bench;
            CREATE TABLE feed_bench (id int PRIMARY KEY, v bigint NOT NULL);
            INSERT INTO feed_bench SELECT g, 0 FROM generate_series(1, {Rows}) g;
            ANALYZE feed_bench;
            """);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<(ServiceProvider Services, RemovalClock Clock)> StartInstanceAsync(string connectionString, string? redis, string prefix)
    {
        var services = new ServiceCollection();
        services.AddSingleton(NpgsqlDataSource.Create(connectionString));
        services.AddSingleton<IFeedRows, FeedRows>();
        var clock = new RemovalClock(new InProcessCacheStore());
        services.AddCachingGen(o =>
        {
            o.UseStore(clock);
            if (redis is not null)
            {
                o.UseRedis(redis, r => r.KeyPrefix = prefix);
            }

            o.UsePostgresChangeFeed(connectionString, feed => feed.SlotName = feed.PublicationName = "feedbench");
        });
        var provider = services.BuildServiceProvider();
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return (provider, clock);
    }

    private static async Task StopAsync(ServiceProvider services)
    {
        foreach (var hosted in services.GetServices<IHostedService>().Reverse())
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await services.DisposeAsync();
    }

    /// <summary>Runs the writer in its own process and reads back when each write's commit returned.</summary>
    private static async Task<List<(int Id, long Sent, long Returned)>> WriteAsync(string connectionString, int rate, int seconds, int connections)
    {
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(FeedWriter).Assembly.Location);
        }

        foreach (var argument in new[] { "--feed-writer", rate.ToString(), seconds.ToString(), Rows.ToString(), connections.ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CACHINGGEN_POSTGRES"] = connectionString;
        using var writer = Process.Start(start)!;
        var writes = new List<(int, long, long)>();
        while (await writer.StandardOutput.ReadLineAsync() is { } line)
        {
            var parts = line.Split(',');
            if (parts[0] != "done")
            {
                writes.Add((int.Parse(parts[0]), long.Parse(parts[1]), long.Parse(parts[2])));
            }
        }

        await writer.WaitForExitAsync();
        return writes;
    }

    /// <summary>Waits until the slot's confirmed position passed a marker written now: every earlier write applied.</summary>
    private static async Task CaughtUpAsync(string connectionString)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var emit = db.CreateCommand("SELECT pg_logical_emit_message(true, 'cachinggen', 'bench')::text");
        var marker = (string)(await emit.ExecuteScalarAsync())!;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(2))
        {
            await using var check = db.CreateCommand($"SELECT confirmed_flush_lsn >= '{marker}'::pg_lsn FROM pg_replication_slots WHERE slot_name = 'feedbench'");
            if (await check.ExecuteScalarAsync() is true)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("the feed did not catch up within 2 minutes");
    }

    private static Dictionary<int, List<long>> Index(RemovalClock clock)
        => clock.Removals.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.Select(r => r.Ticks).Order().ToList());

    /// <summary>
    /// Per write: the latest, over the instances, of the first removal of its key after the statement was sent, as time
    /// past the moment its commit returned to the writer (0 when every instance had removed it before that).
    /// </summary>
    private static List<double> Latencies(List<(int Id, long Sent, long Returned)> writes, Dictionary<int, List<long>>[] instances, out int unmatched)
    {
        var result = new List<double>(writes.Count);
        unmatched = 0;
        foreach (var (id, sent, returned) in writes)
        {
            var last = 0L;
            foreach (var removals in instances)
            {
                var first = removals.TryGetValue(id, out var times) ? times.FirstOrDefault(t => t >= sent) : 0;
                if (first == 0)
                {
                    last = -1;
                    break;
                }

                last = Math.Max(last, first);
            }

            if (last < 0)
            {
                unmatched++;
            }
            else
            {
                result.Add(Math.Max(0, TimeSpan.FromTicks(last - returned).TotalMilliseconds));
            }
        }

        return result;
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}
