using Balances;
using Microsoft.AspNetCore.Builder;

namespace CachingGen.Balances.Tests;

/// <summary>The HTTP service on its own seeded database (<see cref="BalancesDatabase"/>), over loopback on a free port.</summary>
public sealed class BalancesApi : IAsyncLifetime
{
    private RunningApi _api = null!;

    public BalancesDatabase Database { get; } = new();

    public HttpClient Http => _api.Http;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        _api = await RunningApi.StartAsync(new BalancesSettings(Database.ConnectionString));
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await Database.DisposeAsync();
    }
}
