using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;
using CachingGen.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Wallets;

// QuickStart: the repository from README.md on the in-process store (no Redis, no database server).
var services = new ServiceCollection();
services.AddSingleton<FakeDatabase>();
services.AddScoped<IBalanceRepository, BalanceRepository>();
services.AddCachingGen();   // the one call: generated decorators go in front of annotated repositories

await using var provider = services.BuildServiceProvider();
var db = provider.GetRequiredService<FakeDatabase>();
db.Rows[1] = new Balance(1, UserId: 42, "USDC", 100m);
db.Rows[2] = new Balance(2, UserId: 42, "ETH", 2.5m);

await using (var scope = provider.CreateAsyncScope())
{
    var repository = scope.ServiceProvider.GetRequiredService<IBalanceRepository>();
    Console.WriteLine($"IBalanceRepository resolves to {repository.GetType().Name}");
    Console.WriteLine();

    await Measure("FindByUserIdAsync(42)  first call ", () => repository.FindByUserIdAsync(42));
    await Measure("FindByUserIdAsync(42)  second call", () => repository.FindByUserIdAsync(42));
    await Measure("TotalBalanceByUserAsync(42) first ", async () => await repository.TotalBalanceByUserAsync(42));
    await Measure("TotalBalanceByUserAsync(42) second", async () => await repository.TotalBalanceByUserAsync(42));
    await Measure("FindByIdAsync(1)       first call ", () => repository.FindByIdAsync(1));
    await Measure("FindByIdAsync(1)       second call", () => repository.FindByIdAsync(1));
    await Measure("FindByIdAsync(99)      missing row", () => repository.FindByIdAsync(99));
    await Measure("FindByIdAsync(99)      again (null cached)", () => repository.FindByIdAsync(99));

    Console.WriteLine();
    Console.WriteLine("CreditAsync(1, 42, 50) — invalidates balance:1, balance:user:42, balance:user:42:total");
    await repository.CreditAsync(1, 42, 50m);
    await Measure("TotalBalanceByUserAsync(42) after credit", async () => await repository.TotalBalanceByUserAsync(42));
    await Measure("TotalBalanceByUserAsync(42) again       ", async () => await repository.TotalBalanceByUserAsync(42));
}

Console.WriteLine();
Console.WriteLine($"Database round trips: {db.RoundTrips}");
Console.WriteLine();
Console.WriteLine($"{"method",-50} {"hits",5} {"misses",6} {"errors",6} {"hit ratio",9}");
foreach (var s in provider.GetRequiredService<CachingGen.CachingGenCache>().Statistics.GetSnapshot())
{
    if (s.Kind == CacheMethodKind.Cached)
    {
        Console.WriteLine($"{s.Method,-50} {s.Hits,5} {s.Misses,6} {s.Errors,6} {s.HitRatio.ToString("P0", CultureInfo.InvariantCulture),9}");
    }
    else
    {
        Console.WriteLine($"{s.Method,-50} invalidated {s.Invalidations} keys, {s.Errors} errors");
    }
}

static async Task Measure<T>(string label, Func<Task<T>> call)
{
    var watch = Stopwatch.StartNew();
    var result = await call();
    watch.Stop();
    var shown = result switch
    {
        null => "null",
        System.Collections.ICollection c => $"{c.Count} rows",
        _ => Convert.ToString(result, CultureInfo.InvariantCulture),
    };
    Console.WriteLine($"{label}: {watch.Elapsed.TotalMilliseconds,7:F3} ms  -> {shown}");
}
