using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;

namespace CachingGen.Stress;

/// <summary>
/// The command line: --name A --peer B --dir exchange-folder --redis host:port --prefix p: --start ticks
/// --seconds 15 --readers 6 --writers 2 --grace-ms 2000 --timeout-ms 150 --cooldown-ms 1000 [--faults file].
/// PostgreSQL comes from CACHINGGEN_POSTGRES.
/// </summary>
public sealed record StressOptions(
    string Name,
    string? Peer,
    string Directory,
    string Redis,
    string Prefix,
    string Postgres,
    long StartTicks,
    TimeSpan Duration,
    int Readers,
    int Writers,
    TimeSpan Grace,
    TimeSpan OperationTimeout,
    TimeSpan CoolDown,
    string? FaultsFile)
{
    public long DeadlineTicks => StartTicks + Ticks(Duration);

    public static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    public static StressOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        string Get(string name, string? fallback = null)
            => values.TryGetValue(name, out var value) ? value : fallback ?? throw new ArgumentException($"--{name} is required");
        int Int(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        TimeSpan Ms(string name, int fallback) => TimeSpan.FromMilliseconds(Int(name, fallback));

        var postgres = Environment.GetEnvironmentVariable("CACHINGGEN_POSTGRES");
        if (string.IsNullOrWhiteSpace(postgres))
        {
            throw new ArgumentException("CACHINGGEN_POSTGRES is not set: it must be an Npgsql connection string (eng/test.sh starts PostgreSQL).");
        }

        return new StressOptions(
            Get("name", "A"),
            values.GetValueOrDefault("peer"),
            Get("dir", System.IO.Directory.GetCurrentDirectory()),
            Get("redis"),
            Get("prefix", "stress:"),
            postgres,
            long.Parse(Get("start", Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(Int("seconds", 15)),
            Int("readers", 6),
            Int("writers", 2),
            Ms("grace-ms", 2000),
            Ms("timeout-ms", 150),
            Ms("cooldown-ms", 1000),
            values.GetValueOrDefault("faults"));
    }
}
