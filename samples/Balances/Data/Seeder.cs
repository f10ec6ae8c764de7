using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Balances.Data;

/// <summary>
/// Fills the tables with <c>users × tokens</c> balances through binary COPY, deterministically (same seed, same
/// data), replacing what was there. Shows a progress bar.
/// </summary>
public static class Seeder
{
    public static async Task SeedAsync(NpgsqlDataSource db, int users, int tokens, TextWriter log, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(users, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(tokens, 1);
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync("TRUNCATE balances, tokens RESTART IDENTITY CASCADE");

        await using (var importer = await connection.BeginBinaryImportAsync("COPY tokens (id, symbol, decimals, usd_price) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var t = 1; t <= tokens; t++)
            {
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(t, NpgsqlDbType.Integer, ct);
                await importer.WriteAsync($"TK{t}", NpgsqlDbType.Text, ct);
                await importer.WriteAsync(t % 3 == 0 ? 6 : 18, NpgsqlDbType.Integer, ct);
                await importer.WriteAsync(0.5m + t, NpgsqlDbType.Numeric, ct);
            }

            await importer.CompleteAsync(ct);
        }

        var random = new Random(20261125);
        var total = (long)users * tokens;
        var written = 0L;
        var progress = new ProgressBar(log, total);
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY balances (user_id, token_id, address, amount, usd_value, auto_convert_threshold, created_at, updated_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var u = 1L; u <= users; u++)
            {
                for (var t = 1; t <= tokens; t++)
                {
                    var amount = Math.Round((decimal)random.NextDouble() * 1000m, 6);
                    var created = start.AddMinutes(random.Next(0, 300 * 24 * 60));
                    await importer.StartRowAsync(ct);
                    await importer.WriteAsync(u, NpgsqlDbType.Bigint, ct);
                    await importer.WriteAsync(t, NpgsqlDbType.Integer, ct);
                    await importer.WriteAsync(Address(u, t), NpgsqlDbType.Text, ct);
                    await importer.WriteAsync(amount, NpgsqlDbType.Numeric, ct);
                    await importer.WriteAsync(Math.Round(amount * (0.5m + t), 2), NpgsqlDbType.Numeric, ct);
                    if (t % 4 == 0)
                    {
                        await importer.WriteAsync(100m, NpgsqlDbType.Numeric, ct);
                    }
                    else
                    {
                        await importer.WriteNullAsync(ct);
                    }

                    await importer.WriteAsync(created, NpgsqlDbType.TimestampTz, ct);
                    await importer.WriteAsync(created, NpgsqlDbType.TimestampTz, ct);
                    progress.Report(++written);
                }
            }

            await importer.CompleteAsync(ct);
        }

        progress.Done();
        await log.WriteLineAsync("  vacuum analyze…");
        await connection.ExecuteAsync("VACUUM ANALYZE tokens");
        await connection.ExecuteAsync("VACUUM ANALYZE balances");
    }

    /// <summary>The deterministic address of user <paramref name="user"/>'s balance in token <paramref name="token"/>.</summary>
    public static string Address(long user, int token) => $"0x{user:x10}{token:x6}";
}
