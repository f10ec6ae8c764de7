using System;
using System.Linq;
using Balances.Api;
using Balances.Data;
using CachingGen;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry.Metrics;

namespace Balances;

/// <summary>Builds the HTTP service: repository, CachingGen (optionally on Redis), metrics, endpoints.</summary>
public static class BalancesApp
{
    public static WebApplication Build(BalancesSettings settings, string[]? args = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(settings.ConnectionString));
        builder.Services.AddScoped<IBalanceRepository, BalanceRepository>();
        if (settings.Caching)
        {
            builder.Services.AddCachingGen(o =>
            {
                if (settings.CacheClock is { } clock)
                {
                    o.InProcess.TimeProvider = clock;
                }

                if (settings.Redis is { } redis)
                {
                    o.UseRedis(redis, r => r.KeyPrefix = settings.RedisKeyPrefix);
                }
            });
        }

        builder.Services.AddProblemDetails();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("CachingGen", "Microsoft.AspNetCore.Hosting")
            .AddPrometheusExporter());

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapPrometheusScrapingEndpoint("/metrics");
        BalanceEndpoints.Map(app);
        return app;
    }

    /// <summary>The address the started app listens on.</summary>
    public static string Address(WebApplication app)
        => app.Urls.First();
}
