using CachingGen;
using CachingGen.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PackageLibrary;

var services = new ServiceCollection();
services.AddSingleton<Counter>();
services.AddScoped<IGreetingRepository, GreetingRepository>();
services.AddCachingGen();
using var provider = services.BuildServiceProvider();
using var scope = provider.CreateScope();

var repository = scope.ServiceProvider.GetRequiredService<IGreetingRepository>();
var first = await repository.GreetAsync("ada");
var second = await repository.GreetAsync("ada");
var counter = provider.GetRequiredService<Counter>();
var stats = provider.GetRequiredService<CachingGenCache>().Statistics.GetSnapshot().Single(s => s.Method.EndsWith("GreetAsync", StringComparison.Ordinal));

Console.WriteLine($"decorator={repository.GetType().Name} calls={counter.Calls} hits={stats.Hits} misses={stats.Misses} key={GreetingRepositoryCacheKeys.GreetingName("ada")}");

// Interceptors, with no setup: a class without an interface, created with new, its self-calls in the library and a
// call from this project; this process's one container holds the cache they use.
var db = new WalletDb();
var wallets = new WalletRepository(db);
await wallets.GetAsync(1);
await wallets.GetAsync(2);
await wallets.TransferAsync(1, 2, 30m);
await wallets.CreditAsync(2, 5m);
var balances = $"{await wallets.GetAsync(1)}/{await wallets.GetAsync(2)}";
await wallets.GetAsync(1);
Console.WriteLine($"wallets={balances} reads={db.Reads}");

return repository.GetType().Name == "GreetingRepositoryCachingDecorator" && first == second && counter.Calls == 1 && stats.Hits == 1
    && balances == "70/35" && db.Reads == 4 ? 0 : 1;

public interface IGreetingRepository
{
    Task<string> GreetAsync(string name, CancellationToken ct = default);
}

public sealed class Counter
{
    public int Calls;
}

public sealed class GreetingRepository(Counter counter) : IGreetingRepository
{
    [Cached("00:01:00", "greeting:<name>")]
    public Task<string> GreetAsync(string name, CancellationToken ct = default)
    {
        Interlocked.Increment(ref counter.Calls);
        return Task.FromResult($"hello {name}");
    }
}
