using Balances;
using Microsoft.AspNetCore.Builder;

namespace CachingGen.Balances.Tests;

/// <summary>The HTTP service on its own seeded database (<see cref="BalancesDatabase"/>), over loopback on a free port.</summary>
public sealed class BalancesApi : IAsyncLifetime
{
    private WebApplication _app = null!;

    public BalancesDatabase Database { get; } = new();

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        _app = BalancesApp.Build(new BalancesSettings(Database.ConnectionString), ["--urls", "http://127.0.0.1:0"]);
        await _app.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri(BalancesApp.Address(_app)) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Database.DisposeAsync();
    }
}
