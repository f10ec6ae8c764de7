namespace CachingGen.Generator.Tests;

/// <summary>
/// Policies end to end: repositories compiled with the generator, run in a fresh copy of the runtime, on a clock the
/// scenario moves by hand (the one <c>AddCachingGen</c> gives both the store and the cache).
/// </summary>
public sealed class PolicyScenarioTests
{
    internal const string Orders = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using CachingGen;

        namespace Shop;

        public sealed class Clock : TimeProvider
        {
            public DateTimeOffset Now = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);
            public override DateTimeOffset GetUtcNow() => Now;
            public override long GetTimestamp() => Now.UtcTicks;
            public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        }

        public sealed class Db
        {
            public int Reads;
            public bool Down;
            public string Status = "open";
        }

        public interface IOrders
        {
            Task<string> GetAsync(int id, CancellationToken ct = default);
        }

        public sealed class Orders(Db db) : IOrders
        {
            [Cached("1m", "order:<id>", FailSafe = "1h", FailSafeBackoff = "30s", RefreshAhead = 0.5, Unless = nameof(IsPending))]
            public Task<string> GetAsync(int id, CancellationToken ct = default)
            {
                var read = Interlocked.Increment(ref db.Reads);
                return db.Down ? Task.FromException<string>(new InvalidOperationException("database down")) : Task.FromResult($"{db.Status}#{read}");
            }

            public static bool IsPending(string order) => order.StartsWith("pending", StringComparison.Ordinal);
        }

        /// <summary>No interface: its calls are intercepted, and its refresh-ahead runs through the interceptor's body.</summary>
        public sealed class Prices(Db db)
        {
            [Cached("100s", "price:<sku>", RefreshAhead = 0.5)]
            public ValueTask<int> PriceAsync(string sku) => ValueTask.FromResult(Interlocked.Increment(ref db.Reads));

            [Cached("100s", "stock:<sku>", RefreshAhead = 0.5)]
            public int Stock(string sku) => Interlocked.Increment(ref db.Reads);
        }
        """;

    [Fact]
    public async Task Fail_safe_refresh_ahead_and_Unless_through_the_decorator()
    {
        var report = await IsolatedRun.RunAsync(Compile(Orders, Scenario("services.AddSingleton<IOrders, Orders>();", "var orders = provider.GetRequiredService<IOrders>();", """
            var first = await orders.GetAsync(1);                     // miss: open#1
            clock.Now += TimeSpan.FromSeconds(40);
            var due = await orders.GetAsync(1);                       // hit past half the TTL: open#1, reload starts
            var refreshed = due;
            for (var i = 0; i < 500 && refreshed == due; i++)
            {
                await Task.Delay(10);
                refreshed = await orders.GetAsync(1);                 // open#2 once the reload stored it
            }

            // The reload leaves the flight table just after storing: until then a miss joins it and takes its
            // value (no read, no stale answer). Wait for that, so the outage below meets no load in flight.
            var flights = (System.Collections.ICollection)typeof(CachingGenCache).GetField("_flights", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(provider.GetRequiredService<CachingGenCache>())!;
            for (var i = 0; i < 500 && flights.Count > 0; i++)
            {
                await Task.Delay(10);
            }

            db.Down = true;
            clock.Now += TimeSpan.FromMinutes(2);
            var stale = await orders.GetAsync(1);                     // the reload's value, past its TTL
            var backoff = await orders.GetAsync(1);                   // same, without a read
            var readsInOutage = db.Reads;

            db.Down = false;
            db.Status = "pending";
            clock.Now += TimeSpan.FromSeconds(31);
            var pending1 = await orders.GetAsync(1);                  // Unless: returned, not stored
            var pending2 = await orders.GetAsync(1);

            var stats = provider.GetRequiredService<CachingGenCache>().Statistics.Find("Shop.Orders.GetAsync")!;
            return $"{first} {due} {refreshed} {stale} {backoff} reads={readsInOutage} {pending1} {pending2} stale={stats.Stale} refreshes={stats.Refreshes}";
            """)));

        Assert.Equal("open#1 open#1 open#2 open#2 open#2 reads=3 pending#4 pending#5 stale=2 refreshes=1", report);
    }

    [Fact]
    public async Task Refresh_ahead_through_the_interceptors_of_async_and_sync_methods()
    {
        var report = await IsolatedRun.RunAsync(Compile(Orders, Scenario("services.AddSingleton<Prices>();", "var prices = provider.GetRequiredService<Prices>();", """
            var price = await prices.PriceAsync("a");                 // miss: 1
            var stock = prices.Stock("a");                            // miss: 2
            clock.Now += TimeSpan.FromSeconds(60);
            var oldPrice = await prices.PriceAsync("a");              // hit, reload starts
            var oldStock = prices.Stock("a");                         // hit, reload starts
            for (var i = 0; i < 500 && db.Reads < 4; i++)
            {
                await Task.Delay(10);
            }

            var newPrice = oldPrice;
            var newStock = oldStock;
            for (var i = 0; i < 500 && (newPrice == oldPrice || newStock == oldStock); i++)
            {
                await Task.Delay(10);
                newPrice = await prices.PriceAsync("a");
                newStock = prices.Stock("a");
            }

            // The reloads leave the flight table just after storing; a reload cannot start while one is listed.
            var flights = (System.Collections.ICollection)typeof(CachingGenCache).GetField("_flights", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(provider.GetRequiredService<CachingGenCache>())!;
            for (var i = 0; i < 500 && flights.Count > 0; i++)
            {
                await Task.Delay(10);
            }

            // Past the first entries' TTL: the reloaded ones answer (a hit, no miss), and being past their own
            // refresh point, the hit starts the next reload.
            clock.Now += TimeSpan.FromSeconds(60);
            var stats = provider.GetRequiredService<CachingGenCache>().Statistics;
            var missesBefore = stats.Find("Shop.Prices.PriceAsync")!.Misses;
            await prices.PriceAsync("a");
            var misses = stats.Find("Shop.Prices.PriceAsync")!.Misses - missesBefore;
            return $"{price}/{stock} {oldPrice}/{oldStock} changed={newPrice != oldPrice && newStock != oldStock} missesAfter={misses} refreshes={stats.Find("Shop.Prices.PriceAsync")!.Refreshes + stats.Find("Shop.Prices.Stock")!.Refreshes}";
            """)));

        Assert.Equal("1/2 1/2 changed=True missesAfter=0 refreshes=3", report);
    }

    /// <summary>
    /// The scenario program: the shop's database, the repository <paramref name="registration"/> registers and the
    /// cache on a fake clock in one container, <paramref name="resolve"/> taking the repository from it, then
    /// <paramref name="body"/>, which returns the report.
    /// </summary>
    private static string Scenario(string registration, string resolve, string body) => IsolatedRun.Scenario(
        UserSource.Using("System", "System.Threading.Tasks", "CachingGen", "Microsoft.Extensions.DependencyInjection", "Shop"),
        $"""
        var clock = new Clock();
        var services = new ServiceCollection();
        services.AddSingleton<Db>();
        {registration}
        services.AddCachingGen(o => o.InProcess.TimeProvider = clock);
        await using var provider = services.BuildServiceProvider();
        var db = provider.GetRequiredService<Db>();
        {resolve}

        {body}
        """);

    private static byte[] Compile(params string[] sources) => GeneratorHarness.CompileImage(GeneratorHarness.CreateCompilation(sources)).Image;
}
