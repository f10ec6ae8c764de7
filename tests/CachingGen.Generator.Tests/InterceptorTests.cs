namespace CachingGen.Generator.Tests;

/// <summary>
/// Calls made on the repository class rather than through its interface: compiled with the generator, then run as
/// an application would run them, each scenario in a fresh copy of the runtime (<see cref="IsolatedRun"/>). Each
/// report counts the database reads, which is what an uncached or a stale call changes.
/// </summary>
public sealed class InterceptorTests
{
    /// <summary>The repository: no interface, a self-calling transfer, a method reading its own cached method.</summary>
    internal const string Wallets = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using CachingGen;
        namespace Wallets;

        public sealed class Db
        {
            public Dictionary<int, decimal> Balances { get; } = new() { [1] = 100m, [2] = 0m };
            public int Reads;
        }

        public sealed class WalletRepository(Db db)
        {
            [Cached(ttl: "00:05:00", key: "wallet:<id>")]
            public Task<decimal> GetAsync(int id, CancellationToken ct = default)
            {
                Interlocked.Increment(ref db.Reads);
                return Task.FromResult(db.Balances[id]);
            }

            [Invalidates("wallet:<id>")]
            public Task CreditAsync(int id, decimal amount)
            {
                db.Balances[id] += amount;
                return Task.CompletedTask;
            }

            public async Task TransferAsync(int from, int to, decimal amount)
            {
                await CreditAsync(from, -amount);   // self-calls: only an interceptor sees them
                await CreditAsync(to, amount);
            }

            public async Task<decimal> TwiceAsync(int id) => await GetAsync(id) + await GetAsync(id);
        }
        """;

    private static readonly string Transfer = IsolatedRun.Scenario(UserSource.Using("System.Threading.Tasks", "Wallets"), """
        var db = new Db();
        var wallets = new WalletRepository(db);   // no container: the embedded in-process cache
        var before = $"{await wallets.GetAsync(1)}/{await wallets.GetAsync(2)}";
        await wallets.TransferAsync(1, 2, 30m);
        var after = $"{await wallets.GetAsync(1)}/{await wallets.GetAsync(2)}";
        await wallets.GetAsync(1);
        return $"{before} {after} reads={db.Reads}";
        """);

    [Fact]
    public async Task Transfer_through_self_calls_invalidates_both_wallets_on_a_newed_instance()
    {
        var report = await IsolatedRun.RunAsync(Compile(Wallets, Transfer));

        // Two loads, two after the transfer invalidated both, then a hit. Stale would read 100/0; uncached, reads=5.
        Assert.Equal("100/0 70/30 reads=4", report);
    }

    [Fact]
    public async Task A_method_calling_its_own_cached_method_twice_makes_one_repository_call()
    {
        var report = await IsolatedRun.RunAsync(Compile(Wallets, IsolatedRun.Scenario(UserSource.Using("System.Threading.Tasks", "Wallets"), """
            var db = new Db();
            var sum = await new WalletRepository(db).TwiceAsync(1);
            return $"{sum} reads={db.Reads}";
            """)));

        Assert.Equal("200 reads=1", report);
    }

    [Fact]
    public async Task A_concrete_registration_is_cached_in_the_containers_cache()
    {
        var report = await IsolatedRun.RunAsync(Compile(Wallets, IsolatedRun.Scenario(UserSource.Using("System.Threading.Tasks", "CachingGen", "CachingGen.Infrastructure", "Microsoft.Extensions.DependencyInjection", "Wallets"), """
            var services = new ServiceCollection();
            services.AddSingleton<Db>();
            services.AddScoped<WalletRepository>();
            services.AddCachingGen();
            await using var provider = services.BuildServiceProvider();
            var cache = provider.GetRequiredService<CachingGenCache>();
            var same = true;
            for (var i = 0; i < 3; i++)
            {
                using var scope = provider.CreateScope();
                var wallets = scope.ServiceProvider.GetRequiredService<WalletRepository>();
                same &= ReferenceEquals(InterceptedCache.Of(wallets), cache);
                await wallets.GetAsync(1);
            }

            var stats = cache.Statistics.Find("Wallets.WalletRepository.GetAsync");
            return $"reads={provider.GetRequiredService<Db>().Reads} same={same} hits={stats?.Hits} misses={stats?.Misses}";
            """)));

        Assert.Equal("reads=1 same=True hits=2 misses=1", report);
    }

    [Fact]
    public async Task A_static_method_is_cached()
    {
        var report = await IsolatedRun.RunAsync(Compile("""
            using System.Threading.Tasks;
            using CachingGen;
            public static class Rates
            {
                public static int Loads;

                [Cached("00:01:00", "rate:<currency>")]
                public static Task<decimal> GetRateAsync(string currency)
                {
                    Loads++;
                    return Task.FromResult(currency == "EUR" ? 1.1m : 1m);
                }

                [Invalidates("rate:<currency>")]
                public static void Reset(string currency) { }
            }

            public static class Scenario
            {
                public static async Task<string> RunAsync()
                {
                    var a = await Rates.GetRateAsync("EUR") + await Rates.GetRateAsync("EUR");
                    Rates.Reset("EUR");
                    var b = await Rates.GetRateAsync("EUR");
                    return $"{a} {b} loads={Rates.Loads}";
                }
            }
            """));

        Assert.Equal("2.2 1.1 loads=2", report);
    }

    [Fact]
    public async Task Decorator_and_interceptor_share_one_cache_and_count_each_call_once()
    {
        var report = await IsolatedRun.RunAsync(Compile("""
            using System.Threading;
            using System.Threading.Tasks;
            using CachingGen;
            using Microsoft.Extensions.DependencyInjection;
            public sealed class Db { public int Reads; }
            public interface IAccounts { Task<decimal> GetAsync(int id); Task<decimal> DoubleAsync(int id); }
            public sealed class Accounts(Db db) : IAccounts
            {
                [Cached("00:01:00", "account:<id>")]
                public Task<decimal> GetAsync(int id)
                {
                    Interlocked.Increment(ref db.Reads);
                    return Task.FromResult(10m);
                }

                // Not annotated: the decorator forwards it, and its self-call is intercepted.
                public async Task<decimal> DoubleAsync(int id) => 2 * await GetAsync(id);
            }

            public static class Scenario
            {
                public static async Task<string> RunAsync()
                {
                    var services = new ServiceCollection();
                    services.AddSingleton<Db>();
                    services.AddSingleton<IAccounts, Accounts>();
                    services.AddCachingGen();
                    await using var provider = services.BuildServiceProvider();
                    var accounts = provider.GetRequiredService<IAccounts>();
                    var direct = await accounts.GetAsync(1);     // decorator: a miss
                    var doubled = await accounts.DoubleAsync(1); // interceptor, same cache: a hit
                    var stats = provider.GetRequiredService<CachingGenCache>().Statistics.GetSnapshot();
                    var s = Assert(stats.Count == 1 ? stats[0] : null);
                    return $"{accounts.GetType().Name} {direct} {doubled} reads={provider.GetRequiredService<Db>().Reads} hits={s.Hits} misses={s.Misses}";
                }

                private static CachingGen.Diagnostics.CacheMethodStatistics Assert(CachingGen.Diagnostics.CacheMethodStatistics? s)
                    => s ?? throw new System.InvalidOperationException("expected one method's statistics");
            }
            """));

        Assert.Equal("AccountsCachingDecorator 10 20 reads=1 hits=1 misses=1", report);
    }

    [Fact]
    public async Task Two_hosts_keep_separate_caches_and_an_unbound_instance_invalidates_both()
    {
        var report = await IsolatedRun.RunAsync(Compile(Wallets, IsolatedRun.Scenario(UserSource.Using("System.Threading.Tasks", "Microsoft.Extensions.DependencyInjection", "Wallets"), """
            var db = new Db();
            await using var a = Host(db);
            await using var b = Host(db);
            var inA = a.GetRequiredService<WalletRepository>();
            var inB = b.GetRequiredService<WalletRepository>();
            await inA.GetAsync(1);
            await inB.GetAsync(1);   // its own cache: a miss
            await inA.GetAsync(1);   // a hit
            var separate = db.Reads;

            // Two containers live: an instance neither created cannot tell which cache it belongs to.
            var loose = new WalletRepository(db);
            await loose.GetAsync(1);
            await loose.GetAsync(1);
            var uncached = db.Reads - separate;

            // Its write reaches both caches: both read the new balance.
            await loose.CreditAsync(1, 5m);
            var after = $"{await inA.GetAsync(1)}/{await inB.GetAsync(1)}";
            return $"separate={separate} uncached={uncached} after={after} reads={db.Reads}";
            """, """
            private static ServiceProvider Host(Db db)
            {
                var services = new ServiceCollection();
                services.AddSingleton(db);
                services.AddSingleton<WalletRepository>();
                services.AddCachingGen();
                var provider = services.BuildServiceProvider();
                provider.GetRequiredService<CachingGen.CachingGenCache>();
                return provider;
            }
            """)));

        Assert.Equal("separate=2 uncached=2 after=105/105 reads=6", report);
    }

    [Fact]
    public async Task Reads_inside_a_transaction_are_not_stored_and_its_writes_invalidate_at_commit()
    {
        var report = await IsolatedRun.RunAsync(Compile(Wallets, IsolatedRun.Scenario(UserSource.Using("System.Threading.Tasks", "System.Transactions", "Wallets"), """
            var db = new Db();
            var wallets = new WalletRepository(db);
            await wallets.GetAsync(1);                       // stored
            string inside;
            using (var scope = new TransactionScope(TransactionScopeAsyncFlowOption.Enabled))
            {
                await wallets.CreditAsync(1, 5m);
                inside = $"{await wallets.GetAsync(1)}";     // read from the database, not stored
                scope.Complete();
            }

            var committed = await wallets.GetAsync(1);       // the commit invalidated: a miss
            await wallets.GetAsync(1);                       // a hit
            return $"inside={inside} committed={committed} reads={db.Reads}";
            """)));

        Assert.Equal("inside=105 committed=105 reads=3", report);
    }

    [Fact]
    public async Task Calls_from_a_second_project_holding_the_class_are_intercepted()
    {
        var library = GeneratorHarness.CompileImage(GeneratorHarness.CreateCompilation(Wallets)).Image;
        var app = GeneratorHarness.CreateCompilation(Transfer.Replace("await wallets.TransferAsync(1, 2, 30m);", "await wallets.CreditAsync(1, -30m); await wallets.CreditAsync(2, 30m);"))
            .AddReferences(MetadataReference.CreateFromImage(library));
        var (image, result) = GeneratorHarness.CompileImage(app);

        Assert.True(
            result.GeneratedTrees.Any(t => t.FilePath.Contains("CachingGen.Calls.Wallets_WalletRepositoryCalls_", System.StringComparison.Ordinal)),
            "generated: " + string.Join(", ", result.GeneratedTrees.Select(t => t.FilePath)));
        Assert.Equal("100/0 70/30 reads=4", await IsolatedRun.RunAsync(image, library));
    }

    [Fact]
    public async Task The_opt_out_property_leaves_calls_on_the_class_uncached()
    {
        var options = new TestOptionsProvider(new Dictionary<string, string> { ["build_property.CachingGenInterceptors"] = "false" });
        var (image, result) = GeneratorHarness.CompileImage(GeneratorHarness.CreateCompilation(Wallets, Transfer), options);

        Assert.DoesNotContain(result.GeneratedTrees, t => t.FilePath.Contains("CachingGen.Calls.", System.StringComparison.Ordinal));
        Assert.Equal("100/0 70/30 reads=5", await IsolatedRun.RunAsync(image));
    }

    private static byte[] Compile(params string[] sources) => GeneratorHarness.CompileImage(GeneratorHarness.CreateCompilation(sources)).Image;
}
