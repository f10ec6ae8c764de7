using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Npgsql;

namespace Balances.Commands;

/// <summary>
/// The demo's last step: the service with the change feed, a balance read through the API (then served from the
/// cache), the same balance updated with <c>psql</c> — a write the service never sees — and the next API read, fresh.
/// </summary>
public static class ChangeFeedDemo
{
    public static async Task<bool> RunAsync(string connectionString, TextWriter log)
    {
        log.WriteLine("== change feed: a balance updated with psql, then read through the API");
        bool synchronousCommit;
        await using (var db = NpgsqlDataSource.Create(connectionString))
        {
            await using var command = db.CreateCommand("SHOW wal_level");
            if ((string?)await command.ExecuteScalarAsync() is not "logical" and var level)
            {
                // Not a failure of the demo: a database of the caller's, set up without logical decoding. Said, not hidden.
                log.WriteLine($"   skipped: this PostgreSQL has wal_level = {level}; the change feed needs 'logical' (eng/balances.sh starts one that has it)");
                return true;
            }

            await using var commit = db.CreateCommand("SHOW synchronous_commit");
            synchronousCommit = (string?)await commit.ExecuteScalarAsync() != "off";
        }

        var app = BalancesApp.Build(new BalancesSettings(connectionString, ChangeFeed: true), ["--urls", "http://127.0.0.1:0"]);
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(BalancesApp.Address(app)) };
            const long id = 1;
            var before = await http.GetStringAsync($"/balances/{id}");
            var cached = await http.GetStringAsync($"/balances/{id}");
            log.WriteLine($"   GET /balances/{id}: {before}");
            log.WriteLine($"   again (from the cache): {(cached == before ? "same" : "different")}");

            var sql = $"UPDATE balances SET usd_value = usd_value + 1, updated_at = now() WHERE id = {id}";
            log.WriteLine($"   psql -c \"{sql}\"");
            await PsqlAsync(connectionString, sql);
            var committed = Stopwatch.StartNew();
            while (true)
            {
                var after = await http.GetStringAsync($"/balances/{id}");
                if (after != before)
                {
                    log.WriteLine($"   GET /balances/{id}: {after}");
                    log.WriteLine($"   fresh {committed.Elapsed.TotalMilliseconds:N0} ms after psql returned (the feed's lag; without it, the cached value until its TTL of 5 min)");
                    if (!synchronousCommit)
                    {
                        log.WriteLine("   (this PostgreSQL runs with synchronous_commit = off: a commit reaches the stream at the WAL writer's next flush, up to 200 ms)");
                    }
                    return true;
                }

                if (committed.Elapsed > TimeSpan.FromSeconds(10))
                {
                    Console.Error.WriteLine($"change feed: the API still answered the old balance 10 s after the psql update: {after}");
                    return false;
                }

                await Task.Delay(5);
            }
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();

            // A slot nobody consumes keeps every WAL segment from now on: the demo removes what it made.
            await using var db = NpgsqlDataSource.Create(connectionString);
            await using var drop = db.CreateCommand("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = 'balances' AND NOT active; DROP PUBLICATION IF EXISTS balances");
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Runs <paramref name="sql"/> with the real <c>psql</c> (CACHINGGEN_PG_BIN, PostgreSQL 15's folder, or the PATH).</summary>
    private static async Task PsqlAsync(string connectionString, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var folder = Environment.GetEnvironmentVariable("CACHINGGEN_PG_BIN") ?? "/usr/lib/postgresql/15/bin";
        var psql = File.Exists(Path.Combine(folder, "psql")) ? Path.Combine(folder, "psql") : "psql";
        var start = new ProcessStartInfo(psql) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-h", builder.Host!, "-p", builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", builder.Username ?? "postgres", "-d", builder.Database ?? "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c", sql })
        {
            start.ArgumentList.Add(argument);
        }

        if (builder.Password is { } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {psql}");
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"psql exited with {process.ExitCode}: {await errors}");
        }
    }
}
