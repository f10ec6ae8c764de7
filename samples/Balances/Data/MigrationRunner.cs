using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Dapper;
using Npgsql;

namespace Balances.Data;

/// <summary>
/// Applies the embedded <c>Migrations/NNN_*.sql</c> files in order, each once, each in its own transaction,
/// recording them in <c>schema_migrations</c>. An advisory lock keeps two processes from migrating at once.
/// </summary>
public static class MigrationRunner
{
    private const long LockId = 0x43616368696e67; // "Caching"

    public static async Task<int> MigrateAsync(NpgsqlDataSource db, TextWriter log, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync("SELECT pg_advisory_lock(@LockId)", new { LockId });
        try
        {
            await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
            var applied = (await connection.QueryAsync<string>("SELECT name FROM schema_migrations")).ToHashSet(StringComparer.Ordinal);
            var assembly = typeof(MigrationRunner).Assembly;
            var count = 0;
            foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                var name = resource[(resource.IndexOf("Migrations.", StringComparison.Ordinal) + "Migrations.".Length)..];
                if (applied.Contains(name))
                {
                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(ct);
                await connection.ExecuteAsync(Read(assembly, resource), transaction: transaction);
                await connection.ExecuteAsync("INSERT INTO schema_migrations (name) VALUES (@name)", new { name }, transaction);
                await transaction.CommitAsync(ct);
                await log.WriteLineAsync($"  applied {name}");
                count++;
            }

            return count;
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@LockId)", new { LockId });
        }
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
