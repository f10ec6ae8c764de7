using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CachingGen.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace CachingGen.Stress;

/// <summary>
/// One instance of the cluster single-load run (tests/CachingGen.Redis.Tests/ClusterSingleLoadTests.cs starts two): waits
/// until every instance is connected (a counter in Redis), then makes its callers miss one key together, and prints one
/// JSON line with the distinct values they got.
/// </summary>
public static class SingleLoadRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = SingleLoadOptions.Parse(args);
        await using var counter = await ConnectionMultiplexer.ConnectAsync(options.Redis);
        var services = new ServiceCollection();
        services.AddSingleton<IConnectionMultiplexer>(counter);
        services.AddSingleton(options);
        services.AddSingleton<ISingleLoadRepository, SingleLoadRepository>();
        services.AddCachingGen(o => o.UseRedis(options.Redis, r => r.KeyPrefix = options.Prefix));
        await using var provider = services.BuildServiceProvider();
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        if (provider.GetRequiredService<RedisCacheLevel>().Connection is not { IsConnected: true })
        {
            throw new InvalidOperationException($"no Redis connection to {options.Redis} at start-up");
        }

        // A barrier across processes: every instance starts its callers within a few milliseconds of the others.
        var database = counter.GetDatabase();
        await database.StringIncrementAsync(options.Prefix + "ready");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((long)await database.StringGetAsync(options.Prefix + "ready") < options.Instances)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the other instances never became ready");
            }

            await Task.Delay(2);
        }

        var repository = provider.GetRequiredService<ISingleLoadRepository>();
        var values = await Task.WhenAll(Enumerable.Range(0, options.Callers).Select(_ => Task.Run(() => repository.GetAsync(7))));
        var stats = provider.GetRequiredService<CachingGenCache>().Statistics.Find("CachingGen.Stress.SingleLoadRepository.GetAsync")!;
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            name = options.Name,
            values = values.Distinct().ToArray(),
            misses = stats.Misses,
            hits = stats.Hits,
            distributedHits = stats.DistributedHits,
            errors = stats.Errors,
        }));
        return 0;
    }
}
