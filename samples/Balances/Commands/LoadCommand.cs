using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace Balances.Commands;

/// <summary>
/// Drives the HTTP API with wrk at a read-heavy mix (90% reads over five cached endpoints, 10% credits), once with
/// CachingGen and once without, in the same run; reports requests per second and p50/p95/p99.
/// </summary>
public static partial class LoadCommand
{
    public static async Task<string> RunAsync(string connectionString, string? redis, int users, TimeSpan duration, TextWriter log)
    {
        if (!await ToolExistsAsync("wrk"))
        {
            throw new InvalidOperationException("wrk is not installed: 'apt-get install -y wrk' (eng/balances.sh does it when run as root).");
        }

        var script = Path.Combine(Path.GetTempPath(), $"balances-mix-{Environment.ProcessId}.lua");
        await File.WriteAllTextAsync(script, MixScript(users));
        try
        {
            var table = new StringBuilder();
            table.AppendLine(CultureInfo.InvariantCulture, $"Balances load — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores; wrk -t2 -c32 -d{duration.TotalSeconds:0}s, 90% reads (5 cached endpoints, {users:N0} users) / 10% credits; the service and wrk share the machine.");
            table.AppendLine();
            table.AppendLine("| mode | req/s | p50 ms | p95 ms | p99 ms | non-2xx |");
            table.AppendLine("|---|---:|---:|---:|---:|---:|");
            foreach (var (mode, caching, redisEndpoint) in new[] { ("no cache", false, (string?)null), ("CachingGen (in-process)", true, null), ("CachingGen (L1 + Redis)", true, redis) })
            {
                if (mode.Contains("Redis", StringComparison.Ordinal) && redisEndpoint is null)
                {
                    continue;
                }

                await using var app = BalancesApp.Build(new BalancesSettings(connectionString, caching, redisEndpoint, "balances-load:" + Guid.NewGuid().ToString("N")[..8] + ":"), ["--urls", "http://127.0.0.1:0"]);
                await app.StartAsync();
                var url = BalancesApp.Address(app);
                await log.WriteLineAsync($"  {mode}: {url}, {duration.TotalSeconds:0} s…");
                await RunWrkAsync(script, url, TimeSpan.FromSeconds(3)); // warm-up: JIT, pools, cache
                var output = await RunWrkAsync(script, url, duration);
                var rps = Number(RequestsPerSecond().Match(output));
                var p50 = Number(Percentile50().Match(output));
                var p95 = Number(Percentile95().Match(output));
                var p99 = Number(Percentile99().Match(output));
                var errors = NonSuccess().Match(output) is { Success: true } m ? m.Groups[1].Value : "0";
                table.AppendLine(CultureInfo.InvariantCulture, $"| {mode} | {rps:N0} | {p50:0.00} | {p95:0.00} | {p99:0.00} | {errors} |");
                await app.StopAsync();
            }

            table.AppendLine();
            table.Append(await OutageAsync(connectionString, users, duration, script, log));
            return table.ToString();
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>
    /// The fail-safe demo: reads of the five cached endpoints, with PostgreSQL stopped for the middle third of the run, on
    /// a cache clock running <see cref="OutageClockSpeed"/> times fast so that the 1–5 minute TTLs end during the outage.
    /// Needs the commands to stop and start the database (eng/balances.sh sets them for its throw-away PostgreSQL).
    /// </summary>
    private static async Task<string> OutageAsync(string connectionString, int users, TimeSpan duration, string mixScript, TextWriter log)
    {
        var stop = Environment.GetEnvironmentVariable("BALANCES_DB_STOP");
        var start = Environment.GetEnvironmentVariable("BALANCES_DB_START");
        if (string.IsNullOrWhiteSpace(stop) || string.IsNullOrWhiteSpace(start))
        {
            return "Outage demo skipped: it stops and restarts the database, which eng/balances.sh does only for the throw-away PostgreSQL it starts (BALANCES_DB_STOP / BALANCES_DB_START).\n";
        }

        var readsOnly = Path.ChangeExtension(mixScript, ".reads.lua");
        await File.WriteAllTextAsync(readsOnly, MixScript(users, readsOnly: true));
        try
        {
            var clock = new FastClock(OutageClockSpeed);
            await using var app = BalancesApp.Build(new BalancesSettings(connectionString, Caching: true, CacheClock: clock), ["--urls", "http://127.0.0.1:0"]);
            await app.StartAsync();
            var url = BalancesApp.Address(app);
            await log.WriteLineAsync($"  outage: {url}, warm-up then {duration.TotalSeconds:0} s of reads, PostgreSQL stopped for the middle third…");
            await RunWrkAsync(readsOnly, url, TimeSpan.FromSeconds(5));
            var cache = app.Services.GetRequiredService<CachingGen.CachingGenCache>();
            var before = Totals(cache);

            var run = RunWrkAsync(readsOnly, url, duration);
            await Task.Delay(duration / 3);
            await ShellAsync(stop);
            var stoppedAt = DateTime.UtcNow;
            await Task.Delay(duration / 3);
            await ShellAsync(start);
            var outage = DateTime.UtcNow - stoppedAt;
            var output = await run;
            var after = Totals(cache);

            var requests = Number(TotalRequests().Match(output));
            var failed = NonSuccess().Match(output) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"Outage (fail-safe): {duration.TotalSeconds:0} s of reads over the 5 cached endpoints, PostgreSQL stopped for {outage.TotalSeconds:0.0} s in the middle; the cache's clock ran {OutageClockSpeed:0}× fast, so the outage lasted {outage.TotalMinutes * OutageClockSpeed:0.0} cache minutes{(outage.TotalMinutes * OutageClockSpeed > 5 ? ", longer than every TTL (1 to 5 minutes)" : string.Empty)}.");
            text.AppendLine();
            text.AppendLine("| requests | answered (2xx) | failed (non-2xx) | of the answers: stale, by fail-safe | of the answers: cache hits |");
            text.AppendLine("|---:|---:|---:|---:|---:|");
            text.AppendLine(CultureInfo.InvariantCulture, $"| {requests:N0} | {requests - failed:N0} | {failed:N0} | {after.Stale - before.Stale:N0} | {after.Hits - before.Hits:N0} |");
            text.AppendLine();
            text.AppendLine("A failed request is a key no reader had loaded before the outage: there was no copy to answer with.");
            await app.StopAsync();
            return text.ToString();
        }
        finally
        {
            File.Delete(readsOnly);
        }
    }

    // The longest TTL of the sample is 5 minutes: a 5 s outage at 60× outlasts it.
    private const double OutageClockSpeed = 60;

    private static (long Hits, long Misses, long Stale) Totals(CachingGen.CachingGenCache cache)
    {
        var all = cache.Statistics.GetSnapshot();
        return (all.Sum(s => s.Hits), all.Sum(s => s.Misses), all.Sum(s => s.Stale));
    }

    private static async Task ShellAsync(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("sh", ["-c", command]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{command}' exited with {process.ExitCode}: {await errors}");
        }
    }

    private static double Number(Match match)
        => match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;

    private static async Task<string> RunWrkAsync(string script, string url, TimeSpan duration)
    {
        var info = new ProcessStartInfo("wrk", $"-t2 -c32 -d{(int)duration.TotalSeconds}s -s {script} {url}") { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    private static async Task<bool> ToolExistsAsync(string tool)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("sh", $"-c \"command -v {tool}\"") { RedirectStandardOutput = true })!;
            await process.WaitForExitAsync();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    // The mix and the percentile report (wrk's own --latency table has no p95).
    private static string MixScript(int users, bool readsOnly = false) => $$"""
        math.randomseed(42)
        local users = {{users}}
        request = function()
          local r = math.random({{(readsOnly ? 90 : 100)}})
          local u = math.random(users)
          if r <= 25 then return wrk.format("GET", "/balances/" .. ((u - 1) * 10 + math.random(10)))
          elseif r <= 45 then return wrk.format("GET", "/users/" .. u .. "/balances")
          elseif r <= 65 then return wrk.format("GET", "/users/" .. u .. "/total")
          elseif r <= 80 then return wrk.format("GET", "/users/" .. u .. "/tokens/" .. math.random(10) .. "/balance")
          elseif r <= 90 then return wrk.format("GET", string.format("/addresses/0x%010x%06x/balances", u, 1))
          else return wrk.format("POST", "/balances/" .. ((u - 1) * 10 + math.random(10)) .. "/credit", {["Content-Type"] = "application/json"}, "{\"amount\": 1.5}")
          end
        end
        done = function(summary, latency, requests)
          io.write(string.format("P50 %.3f\nP95 %.3f\nP99 %.3f\n", latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
        end
        """;

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"P50 ([0-9.]+)")]
    private static partial Regex Percentile50();

    [GeneratedRegex(@"P95 ([0-9.]+)")]
    private static partial Regex Percentile95();

    [GeneratedRegex(@"P99 ([0-9.]+)")]
    private static partial Regex Percentile99();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex TotalRequests();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();
}
