using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Dapper;
using Npgsql;

namespace Balances.Data;

/// <summary>
/// Checks that every index exists and that each repository query's plan uses the index meant for it. Returns the
/// problems found (none when all is well).
/// </summary>
public static class IndexVerifier
{
    public static readonly string[] Indexes =
    [
        "idx_balances_user_token", "idx_balances_token_id", "idx_balances_address", "idx_balances_user_created", "idx_balances_user_usd",
    ];

    // The repository's queries with sample arguments, and the index each is meant to use.
    private static readonly (string Query, string Sql, string Index)[] Plans =
    [
        ("FindById", "SELECT * FROM balances WHERE id = 1", "balances_pkey"),
        ("FindByUserId", "SELECT * FROM balances WHERE user_id = 1 ORDER BY token_id, id", "idx_balances_user_token"),
        ("FindByUserIdAndTokenId", "SELECT * FROM balances WHERE user_id = 1 AND token_id = 1 ORDER BY id LIMIT 1", "idx_balances_user_token"),
        ("TotalBalanceByUser", "SELECT COALESCE(SUM(usd_value), 0) FROM balances WHERE user_id = 1", "idx_balances_user_usd"),
        ("FindByAddress", $"SELECT * FROM balances WHERE address = '{Seeder.Address(1, 1)}' ORDER BY id", "idx_balances_address"),
        ("GetByUser (page)", "SELECT * FROM balances WHERE user_id = 1 ORDER BY created_at, id LIMIT 20 OFFSET 0", "idx_balances_user_created"),
        ("balances of a token", "SELECT count(*) FROM balances WHERE token_id = 1", "idx_balances_token_id"),
    ];

    public static async Task<IReadOnlyList<string>> VerifyAsync(NpgsqlDataSource db, TextWriter log, CancellationToken ct = default)
    {
        var problems = new List<string>();
        await using var connection = await db.OpenConnectionAsync(ct);
        var existing = (await connection.QueryAsync<string>("SELECT indexname FROM pg_indexes WHERE tablename = 'balances'")).ToHashSet(StringComparer.Ordinal);
        foreach (var index in Indexes)
        {
            var ok = existing.Contains(index);
            await log.WriteLineAsync($"  {(ok ? "ok  " : "FAIL")} index {index} {(ok ? "exists" : "is missing")}");
            if (!ok)
            {
                problems.Add($"index {index} is missing; run the migrations");
            }
        }

        var rows = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM balances");
        if (rows < 10_000)
        {
            // On a tiny table a sequential scan is cheaper and the planner rightly prefers it; what matters is
            // that each query can use its index, so sequential scans are priced out for the check.
            await connection.ExecuteAsync("SET enable_seqscan = off");
            await log.WriteLineAsync($"  ({rows:N0} rows: sequential scans disabled for the plan check)");
        }

        foreach (var (query, sql, index) in Plans)
        {
            var json = await connection.ExecuteScalarAsync<string>("EXPLAIN (FORMAT JSON) " + sql);
            var used = IndexNames(JsonDocument.Parse(json!).RootElement).ToList();
            var ok = used.Contains(index);
            await log.WriteLineAsync($"  {(ok ? "ok  " : "FAIL")} {query,-24} uses {(used.Count == 0 ? "no index" : string.Join(", ", used))}{(ok ? string.Empty : $" (expected {index})")}");
            if (!ok)
            {
                problems.Add($"{query} does not use {index} (plan uses {(used.Count == 0 ? "no index" : string.Join(", ", used))})");
            }
        }

        return problems;
    }

    private static IEnumerable<string> IndexNames(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.NameEquals("Index Name"))
                    {
                        yield return property.Value.GetString()!;
                    }

                    foreach (var name in IndexNames(property.Value))
                    {
                        yield return name;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var name in IndexNames(item))
                    {
                        yield return name;
                    }
                }

                break;
        }
    }
}
