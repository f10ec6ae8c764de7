using Balances;
using Microsoft.AspNetCore.Builder;

namespace CachingGen.Balances.Tests;

/// <summary>The sample service started with some settings on a free loopback port, and a client for it: what every API fixture starts and stops.</summary>
internal sealed class RunningApi : IAsyncDisposable
{
    private RunningApi(WebApplication app, HttpClient http)
    {
        App = app;
        Http = http;
    }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    public static async Task<RunningApi> StartAsync(BalancesSettings settings)
    {
        var app = BalancesApp.Build(settings, ["--urls", "http://127.0.0.1:0"]);
        await app.StartAsync();
        return new RunningApi(app, new HttpClient { BaseAddress = new Uri(BalancesApp.Address(app)) });
    }

    /// <summary>The client, then the service (stopped, then disposed).</summary>
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
