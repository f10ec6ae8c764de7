using CachingGen;
using CachingGen.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

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
return repository.GetType().Name == "GreetingRepositoryCachingDecorator" && first == second && counter.Calls == 1 && stats.Hits == 1 ? 0 : 1;

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
