using System;
using System.Linq;
using Balances.Api;
using Balances.Data;
using CachingGen;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

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

                if (settings.ChangeFeed)
                {
                    // Writes made by anything else (psql, scripts, other services) invalidate too, within the feed's lag.
                    o.UsePostgresChangeFeed(settings.ConnectionString, feed => feed.SlotName = feed.PublicationName = "balances");
                }
            });
        }

        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new ExactDecimalConverter()));
        var telemetry = builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("CachingGen", "Microsoft.AspNetCore.Hosting")
            .AddPrometheusExporter());
        if (settings.Traces is { } traces)
        {
            // CachingGen's spans (a miss with its repository call inside), and Npgsql's query spans nested in those.
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource(CachingGen.Diagnostics.CachingGenTracing.ActivitySourceName, "Npgsql");
                _ = traces == "otlp" ? tracing.AddOtlpExporter() : tracing.AddConsoleExporter();
            });
        }

        // The operations endpoints (/cachinggen: the cache map, statistics, invalidation) for the role "ops", over HTTP
        // Basic: user "ops", password from the settings (the development default is in README).
        builder.Services.AddAuthentication(OperatorAuthentication.Name)
            .AddScheme<OperatorAuthenticationOptions, OperatorAuthentication>(OperatorAuthentication.Name, o => o.Password = settings.OperatorPassword);
        builder.Services.AddAuthorization(o => o.AddPolicy("CacheOperators", p => p.RequireRole("ops")));
        var health = builder.Services.AddHealthChecks();
        if (settings.Caching)
        {
            health.AddCachingGen();
        }

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapPrometheusScrapingEndpoint("/metrics");
        if (settings.Caching)
        {
            app.MapCachingGen("/cachinggen", "CacheOperators");
            app.MapHealthChecks("/health/cache");
        }

        BalanceEndpoints.Map(app);
        return app;
    }

    /// <summary>The address the started app listens on.</summary>
    public static string Address(WebApplication app)
        => app.Urls.First();
}
