using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.Json;
using Npgsql;
using Xunit.Abstractions;

namespace CachingGen.Redis.Tests;

/// <summary>
/// The freshness promise under load and faults: two app instances in separate processes (tests/CachingGen.Stress),
/// readers and writers on 8 hot PostgreSQL rows, one Redis of the test's own that is killed for 3 s and later
/// paused for 2 s. Each instance checks every read against both instances' write logs (the versions the database
/// returned): no read may be older than a write of its own process that returned before it started, nor older
/// than a write of the other process that returned more than 2 s (the backplane's delivery; counted from the end
/// of the fault for a write that returned during one) before it started. No call may fail.
/// Figures: docs/benchmarks.md, "Reliability: stress test".
/// </summary>
public sealed class StressTests(ITestOutputHelper output)
{
    private const int Seconds = 15;
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(2.5);

    [Fact]
    public async Task Two_instances_with_Redis_killed_and_paused_read_nothing_stale_and_fail_no_call()
    {
        var postgres = Environment.GetEnvironmentVariable("CACHINGGEN_POSTGRES");
        Assert.False(string.IsNullOrWhiteSpace(postgres), "CACHINGGEN_POSTGRES is not set: it must be an Npgsql connection string. Run the tests with 'bash eng/test.sh', which starts PostgreSQL.");
        await CreateRowsAsync(postgres!);
        await using var redis = await RedisProcess.StartNewAsync();
        var folder = Directory.CreateTempSubdirectory("cachinggen-stress-").FullName;
        var faultsFile = Path.Combine(folder, "faults.txt");
        var start = Stopwatch.GetTimestamp() + Ticks(Warmup);
        string[] Arguments(string name, string peer) =>
        [
            "--name", name, "--peer", peer, "--dir", folder, "--faults", faultsFile, "--redis", redis.Endpoint,
            "--prefix", RedisEnvironment.NewPrefix(), "--start", start.ToString(CultureInfo.InvariantCulture),
            "--seconds", Seconds.ToString(CultureInfo.InvariantCulture), "--readers", "6", "--writers", "2",
            "--grace-ms", "2000", "--timeout-ms", "150", "--cooldown-ms", "1000",
        ];

        try
        {
            using var a = new StressProcess(Arguments("A", "B"));
            using var b = new StressProcess(Arguments("B", "A"));
            var faults = await InjectFaultsAsync(redis, start);
            Exchange(faultsFile, faults);
            var reports = new List<JsonElement>();
            foreach (var process in new[] { a, b })
            {
                var line = (await process.FinishAsync(TimeSpan.FromSeconds(Seconds + 20))).Trim().Split('\n')[^1];
                output.WriteLine(line);
                reports.Add(JsonDocument.Parse(line).RootElement);
            }

            foreach (var report in reports)
            {
                var name = report.GetProperty("name").GetString();
                Assert.True(report.GetProperty("peerLogFound").GetBoolean(), $"{name} did not find the other instance's write log");
                Assert.True(report.GetProperty("faultsFound").GetBoolean(), $"{name} did not find the fault windows");
                Assert.True(report.GetProperty("reads").GetInt32() >= 2000, $"{name} read too little to prove anything: {report}");
                Assert.True(report.GetProperty("writes").GetInt32() >= 300, $"{name} wrote too little to prove anything: {report}");
                Assert.True(report.GetProperty("readsDuringOutage").GetInt32() > 0, $"{name} read nothing during the faults: {report}");
                Assert.True(report.GetProperty("staleReadsSameProcess").GetInt32() == 0, $"{name} read values its own finished writes had made stale: {report}");
                Assert.True(report.GetProperty("staleReadsCrossProcess").GetInt32() == 0, $"{name} read values the other instance's writes had made stale beyond the grace period: {report}");
                Assert.True(report.GetProperty("failedCalls").GetInt32() == 0, $"{name} had calls that failed: {report}");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Redis killed at +4 s and started again at +7 s; paused (CLIENT PAUSE … ALL) from +10 s for 2 s.
    private static async Task<List<(string Label, long Start, long End)>> InjectFaultsAsync(RedisProcess redis, long start)
    {
        var faults = new List<(string, long, long)>();
        await Until(start, 4);
        var killed = Stopwatch.GetTimestamp();
        await redis.StopAsync();
        await Until(start, 7);
        await redis.StartAsync();
        faults.Add(("kill", killed, Stopwatch.GetTimestamp()));
        using var raw = await RedisEnvironment.RawAsync(redis.Endpoint);
        await Until(start, 10);
        var paused = Stopwatch.GetTimestamp();
        await raw.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "2000", "ALL");
        faults.Add(("pause", paused, paused + Ticks(TimeSpan.FromSeconds(2))));
        return faults;
    }

    private static void Exchange(string path, IEnumerable<(string Label, long Start, long End)> faults)
    {
        File.WriteAllLines(path + ".tmp", faults.Select(f => FormattableString.Invariant($"{f.Label} {f.Start} {f.End}")));
        File.Move(path + ".tmp", path);
    }

    private static async Task Until(long start, double seconds)
    {
        var wait = start + Ticks(TimeSpan.FromSeconds(seconds)) - Stopwatch.GetTimestamp();
        if (wait > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
        }
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static async Task CreateRowsAsync(string connectionString)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var command = db.CreateCommand("""
            DROP TABLE IF EXISTS stress_rows;
            CREATE TABLE stress_rows(id int PRIMARY KEY, version bigint NOT NULL);
            INSERT INTO stress_rows SELECT g, 0 FROM generate_series(1, 8) AS g;
            """);
        await command.ExecuteNonQueryAsync();
    }
}
