using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CachingGen;
using CachingGen.FeedProcess;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

// One application instance with the change feed: dotnet CachingGen.FeedProcess.dll <postgres> <slot> <redis> <keyPrefix>.
// Reads commands from stdin, one per line, and answers on stdout: "read <id>" → "value=<amount|null> loads=<n>",
// "state" → "state=<State> consumer=<true|false>", "quit". Prints "ready" once the host started (the feed caught up).
var (postgres, slot, redis, prefix) = (args[0], args[1], args[2], args[3]);
var services = new ServiceCollection();
services.AddSingleton(NpgsqlDataSource.Create(postgres));
services.AddSingleton<Loads>();
services.AddSingleton<IAmounts, Amounts>();
services.AddCachingGen(o => o
    .UseRedis(redis, r => r.KeyPrefix = prefix)
    .UsePostgresChangeFeed(postgres, feed =>
    {
        feed.SlotName = feed.PublicationName = slot;
        feed.HeartbeatInterval = TimeSpan.FromMilliseconds(300);
        feed.TakeoverInterval = TimeSpan.FromMilliseconds(300);
        feed.MaxReconnectDelay = TimeSpan.FromSeconds(1);
    }));
await using var provider = services.BuildServiceProvider();
var hosted = provider.GetServices<IHostedService>().ToList();
foreach (var service in hosted)
{
    await service.StartAsync(CancellationToken.None);
}

Console.WriteLine("ready");
var amounts = provider.GetRequiredService<IAmounts>();
var cache = provider.GetRequiredService<CachingGenCache>();
while (Console.ReadLine() is { } line && line != "quit")
{
    var parts = line.Split(' ');
    switch (parts[0])
    {
        case "read":
            var value = await amounts.AmountAsync(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
            Console.WriteLine($"value={value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"} loads={provider.GetRequiredService<Loads>().Count}");
            break;
        case "state":
            var status = cache.ChangeFeed!.Status;
            Console.WriteLine($"state={status.State} consumer={status.IsConsumer.ToString().ToLowerInvariant()}");
            break;
        default:
            Console.WriteLine("unknown command");
            break;
    }
}

foreach (var service in Enumerable.Reverse(hosted))
{
    await service.StopAsync(CancellationToken.None);
}

return 0;
