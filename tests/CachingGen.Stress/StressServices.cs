using System;
using System.Threading;
using System.Threading.Tasks;
using CachingGen.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CachingGen.Stress;

/// <summary>One app instance: the repository on PostgreSQL, decorated by CachingGen with Redis as L2 and backplane.</summary>
public static class StressServices
{
    public static async Task<ServiceProvider> StartAsync(StressOptions options)
    {
        var services = new ServiceCollection();
        services.AddSingleton(_ => NpgsqlDataSource.Create(options.Postgres));
        services.AddScoped<IStressRepository, StressRepository>();
        services.AddCachingGen(o =>
        {
            o.ThrowOnUndecorated = true;
            o.UseRedis(options.Redis, r =>
            {
                r.KeyPrefix = options.Prefix;
                r.OperationTimeout = options.OperationTimeout;
                r.CircuitBreakerCoolDown = options.CoolDown;
            });
        });
        var provider = services.BuildServiceProvider();
        provider.ValidateCachingGen();

        // No host here: start what a host would (the Redis connection is made at start-up).
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        if (provider.GetRequiredService<RedisCacheLevel>().Connection is not { IsConnected: true })
        {
            throw new InvalidOperationException($"no Redis connection to {options.Redis} at start-up");
        }

        return provider;
    }
}
