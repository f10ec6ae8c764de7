using System.IO;
using System.Text;

namespace CachingGen.EditorLatency;

/// <summary>
/// The sources of a project shaped like a real service: 200 Dapper repositories on PostgreSQL (ten annotated methods
/// each: 2,000), 500 handler files that call them on the class (2,000 intercepted calls), and 2,000 files that never
/// touch a repository. The edit markers of <see cref="EditScript.Realistic"/> are in <c>Calls0</c>, <c>OrderRepository0</c>
/// and <c>Service0</c>.
/// </summary>
internal static class RealisticProject
{
    private const int Repositories = 200;
    private const int CallFiles = 500;
    private const int OtherFiles = 2000;

    public static void Write(string directory)
    {
        Directory.CreateDirectory(Path.Combine(directory, "Data"));
        Directory.CreateDirectory(Path.Combine(directory, "Calls"));
        Directory.CreateDirectory(Path.Combine(directory, "Other"));
        for (var r = 0; r < Repositories; r++)
        {
            File.WriteAllText(Path.Combine(directory, "Data", $"OrderRepository{r}.cs"), Repository(r));
        }

        for (var f = 0; f < CallFiles; f++)
        {
            File.WriteAllText(Path.Combine(directory, "Calls", $"Calls{f}.cs"), Calls(f));
        }

        for (var s = 0; s < OtherFiles; s++)
        {
            File.WriteAllText(Path.Combine(directory, "Other", $"Service{s}.cs"), Service(s));
        }
    }

    private static string Repository(int r)
    {
        var cached = new (string Key, string Signature, string Body)[]
        {
            ($"orders{r}:<id>", $"Task<Order{r}?> FindByIdAsync(long id, CancellationToken ct = default)",
                $"return await connection.QuerySingleOrDefaultAsync<Order{r}>(\"SELECT \" + Columns + \" FROM orders_{r} WHERE id = @id\", new {{ id }});"),
            ($"orders{r}:user:<userId>", $"Task<IReadOnlyList<Order{r}>> FindByUserAsync(long userId, CancellationToken ct = default)",
                $"var sql = $\"SELECT {{Columns}} FROM orders_{r} WHERE user_id = @userId ORDER BY id\";\n        return (await connection.QueryAsync<Order{r}>(sql, new {{ userId }})).ToList();"),
            ($"orders{r}:user:<userId>:count", "Task<int> CountByUserAsync(long userId, CancellationToken ct = default)",
                $"return await connection.ExecuteScalarAsync<int>(\"SELECT count(*) FROM orders_{r} WHERE user_id = @userId\", new {{ userId }});"),
            ($"orders{r}:user:<userId>:total", "Task<decimal> TotalByUserAsync(long userId, CancellationToken ct = default)",
                $"return await connection.ExecuteScalarAsync<decimal>(@\"SELECT coalesce(sum(amount), 0)\n              FROM orders_{r}\n              WHERE user_id = @userId\", new {{ userId }});"),
            ($"orders{r}:status:<status>", $"Task<IReadOnlyList<Order{r}>> FindByStatusAsync(string status, CancellationToken ct = default)",
                $"return (await connection.QueryAsync<Order{r}>(\"SELECT \" + Columns + \" FROM orders_{r} WHERE status = @status\", new {{ status }})).ToList();"),
            ($"orders{r}:user:<userId>:page:<page>", $"Task<IReadOnlyList<Order{r}>> PageAsync(long userId, int page, CancellationToken ct = default)",
                $"return (await connection.QueryAsync<Order{r}>(\"SELECT \" + Columns + \" FROM orders_{r} WHERE user_id = @userId ORDER BY id LIMIT 20 OFFSET @offset\", new {{ userId, offset = page * 20 }})).ToList();"),
            ($"orders{r}:user:<userId>:latest", $"Task<Order{r}?> LatestAsync(long userId, CancellationToken ct = default)",
                $"return await connection.QueryFirstOrDefaultAsync<Order{r}>(\"SELECT \" + Columns + \" FROM orders_{r} WHERE user_id = @userId ORDER BY id DESC LIMIT 1\", new {{ userId }});"),
            ($"orders{r}:exists:<id>", "Task<bool> ExistsAsync(long id, CancellationToken ct = default)",
                $"return await connection.ExecuteScalarAsync<bool>(\"SELECT exists(SELECT 1 FROM orders_{r} WHERE id = @id)\", new {{ id }});"),
        };

        var text = new StringBuilder();
        text.Append($$"""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using CachingGen;
            using Dapper;
            using Npgsql;

            namespace Realistic.Data{{r % 20}};

            public sealed record Order{{r}}(long Id, long UserId, decimal Amount, string Status);

            public interface IOrderRepository{{r}}
            {

            """);
        foreach (var (_, signature, _) in cached)
        {
            text.Append($"    {signature};\n");
        }

        text.Append("    Task CreditAsync(long id, long userId, decimal amount, CancellationToken ct = default);\n");
        text.Append("    Task<long> CreateAsync(long userId, decimal amount, CancellationToken ct = default);\n}\n\n");
        text.Append($"public sealed class OrderRepository{r}(NpgsqlDataSource db) : IOrderRepository{r}\n{{\n");
        text.Append("    private const string Columns = \"id, user_id, amount, status\";\n");
        foreach (var (key, signature, body) in cached)
        {
            text.Append($"\n    [Cached(\"00:01:00\", \"{key}\")]\n    public async {signature}\n    {{\n");
            text.Append("        await using var connection = await db.OpenConnectionAsync(ct);\n");
            text.Append($"        {body}\n    }}\n");
        }

        text.Append($$"""

                [Invalidates("orders{{r}}:<id>")]
                [Invalidates("orders{{r}}:exists:<id>")]
                [Invalidates("orders{{r}}:user:<userId>")]
                [Invalidates("orders{{r}}:user:<userId>:*")]
                [Invalidates("orders{{r}}:status:*")]
                public async Task CreditAsync(long id, long userId, decimal amount, CancellationToken ct = default)
                {
                    await using var connection = await db.OpenConnectionAsync(ct);
                    await connection.ExecuteAsync("UPDATE orders_{{r}} SET amount = amount + @amount WHERE id = @id", new { id, amount });
                }

                [Invalidates("orders{{r}}:user:<userId>")]
                [Invalidates("orders{{r}}:user:<userId>:*")]
                [Invalidates("orders{{r}}:status:*")]
                public async Task<long> CreateAsync(long userId, decimal amount, CancellationToken ct = default)
                {
                    await using var connection = await db.OpenConnectionAsync(ct);
                    return await connection.ExecuteScalarAsync<long>("INSERT INTO orders_{{r}} (user_id, amount, status) VALUES (@userId, @amount, 'new') RETURNING id", new { userId, amount });
                }
            }

            """);
        return text.ToString();
    }

    private static string Calls(int f)
    {
        var r = f % Repositories;
        return $$"""
            using System.Threading.Tasks;

            namespace Realistic.Calls{{f % 50}};

            public sealed class Handler{{f}}(global::Realistic.Data{{r % 20}}.OrderRepository{{r}} orders)
            {
                public async Task<int> RunAsync(long userId)
                {
                    var total = 0 + System.Math.Max(1, 2);
                    total += (await orders.FindByUserAsync(userId)).Count;
                    total += await orders.CountByUserAsync(userId);
                    var latest = await orders.LatestAsync(userId);
                    await orders.CreditAsync(latest?.Id ?? 0, userId, 1m);
                    return total;
                }
            }

            """;
    }

    private static string Service(int s) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;

        namespace Realistic.Services{{s % 100}};

        public sealed record Item{{s}}(int Id, string Name, decimal Price);

        public sealed class Service{{s}}
        {
            private readonly List<Item{{s}}> _items = new();

            public int Add(Item{{s}} item)
            {
                _items.Add(item);
                return _items.Count;
            }

            public decimal Total()
            {
                var total = 0 + System.Math.Max(1, 2);
                return _items.Where(i => i.Price > 0).Sum(i => i.Price) + total;
            }

            public IEnumerable<string> Names(string prefix)
                => _items.Where(i => i.Name.StartsWith(prefix, StringComparison.Ordinal)).Select(i => i.Name.ToUpperInvariant());

            public override string ToString() => string.Join(",", _items.Select(i => i.Id));
        }

        """;
}
