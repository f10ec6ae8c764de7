namespace CachingGen.Generator.Tests;

/// <summary>The generated source of each shape, compared with checked-in snapshots.</summary>
public sealed class SnapshotTests
{
    [Fact]
    public void Balance_repository_from_the_readme()
        => VerifyAll(nameof(Balance_repository_from_the_readme), """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using CachingGen;

            namespace Wallets;

            public sealed record Balance(long Id, long UserId, decimal Amount);

            public interface IBalanceRepository
            {
                Task<Balance?> FindByIdAsync(long id, CancellationToken ct = default);
                Task<IReadOnlyList<Balance>> FindByUserIdAsync(long userId, CancellationToken ct = default);
                ValueTask<decimal> TotalBalanceByUserAsync(long userId, CancellationToken ct = default);
                Task CreditAsync(long id, long userId, decimal amount, CancellationToken ct = default);
            }

            public sealed class BalanceRepository : IBalanceRepository
            {
                [Cached(ttl: "00:05:00", key: "balance:<id>")]
                public Task<Balance?> FindByIdAsync(long id, CancellationToken ct = default) => Task.FromResult<Balance?>(null);

                [Cached(ttl: "00:01:00", key: "balance:user:<userId>")]
                public Task<IReadOnlyList<Balance>> FindByUserIdAsync(long userId, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<Balance>>([]);

                [Cached(ttl: "00:02:00", key: "balance:user:<userId>:total")]
                public ValueTask<decimal> TotalBalanceByUserAsync(long userId, CancellationToken ct = default) => default;

                [Invalidates("balance:<id>")]
                [Invalidates("balance:user:<userId>")]
                [Invalidates("balance:user:<userId>:total")]
                public Task CreditAsync(long id, long userId, decimal amount, CancellationToken ct = default) => Task.CompletedTask;
            }
            """);

    [Fact]
    public void Sync_methods_member_paths_and_forwarded_members()
        => VerifyAll(nameof(Sync_methods_member_paths_and_forwarded_members), """
            using System;
            using CachingGen;

            namespace Shop.Catalog
            {
                public sealed class Query { public Filter? Filter { get; init; } public int Page { get; init; } }
                public struct Filter { public string Category; public DateTime? Since; }

                internal interface IBase { int Version { get; } }
                internal interface ICatalog : IBase
                {
                    string Search(Query query, bool includeHidden);
                    void Rename(int id, string name);
                    int Count(string category);
                    string this[int index] { get; set; }
                    event EventHandler? Changed;
                    T Echo<T>(T value);
                    bool TryGet(int id, out string? name);
                }

                internal sealed class CatalogRepository : ICatalog
                {
                    public int Version => 1;

                    [Cached("1.00:00:00", "search:<query.Filter.Category>:<query.Filter.Since>:<query.Page>:<includeHidden>")]
                    public string Search(Query query, bool includeHidden) => "";

                    [Invalidates("search:<name>")]
                    public void Rename(int id, string name) { }

                    [Cached("00:00:30", "count:<category>", CacheNulls = false)]
                    public int Count(string category) => 0;

                    public string this[int index] { get => ""; set { } }
                    public event EventHandler? Changed;
                    public T Echo<T>(T value) => value;
                    public bool TryGet(int id, out string? name) { name = null; Changed?.Invoke(this, EventArgs.Empty); return false; }
                }
            }
            """);

    [Fact]
    public void Keyword_parameter_names_and_colliding_local_names()
        => VerifyAll(nameof(Keyword_parameter_names_and_colliding_local_names), """
            using System.Threading;
            using System.Threading.Tasks;
            using CachingGen;

            public interface IWeird
            {
                Task<string> GetAsync(string key, int @class, CancellationToken entry);
            }

            public class WeirdRepository : IWeird
            {
                [Cached("00:01:00", "w:<key>:<class>")]
                public Task<string> GetAsync(string key, int @class, CancellationToken entry) => Task.FromResult(key);
            }
            """);

    [Fact]
    public void Interceptors_for_self_calls_newed_instances_and_static_methods()
        => VerifyAll(nameof(Interceptors_for_self_calls_newed_instances_and_static_methods), InterceptorTests.Wallets + """

            public static class Rates
            {
                [Cached("1h", "rate:<currency>")]
                public static decimal Get(string currency) => 1m;

                [Invalidates("rate:<currency>")]
                [Invalidates("wallet:*")]
                public static void Reset(string currency) { }
            }

            public static class Program
            {
                public static async Task<decimal> RunAsync(Db db)
                {
                    var wallets = new WalletRepository(db);
                    await wallets.TransferAsync(1, 2, 30m);
                    Rates.Reset("EUR");
                    return await wallets.GetAsync(1) * Rates.Get("EUR") + await wallets.GetAsync(2);
                }
            }
            """);

    [Fact]
    public void Policies_in_the_descriptor_and_refresh_ahead_on_the_hit_path()
        => VerifyAll(nameof(Policies_in_the_descriptor_and_refresh_ahead_on_the_hit_path), PolicyScenarioTests.Orders + """

            public static class Program
            {
                public static async Task<int> RunAsync(Db db)
                {
                    var prices = new Prices(db);
                    return await prices.PriceAsync("a") + prices.Stock("a");
                }
            }
            """);

    private static void VerifyAll(string name, string source)
    {
        // A fixed assembly name: generated names that depend on it (the interceptors' body classes) stay the same.
        var compilation = GeneratorHarness.CreateCompilation(source).WithAssemblyName("SnapshotAssembly");
        var (result, output) = GeneratorHarness.Run(compilation);
        var errors = output.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var sources = result.Results.Single().GeneratedSources.OrderBy(s => s.HintName, System.StringComparer.Ordinal).ToList();
        Assert.NotEmpty(sources);
        foreach (var generated in sources)
        {
            Snapshot.Verify($"{name}.{generated.HintName.Replace(".g.cs", string.Empty, System.StringComparison.Ordinal)}", generated.SourceText.ToString());
        }
    }
}
