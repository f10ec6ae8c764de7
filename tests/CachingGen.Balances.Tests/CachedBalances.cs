using Balances.Data;
using Microsoft.Extensions.DependencyInjection;

namespace CachingGen.Balances.Tests;

/// <summary>A seeded throw-away database and the Balances repository behind its generated decorator, in process.</summary>
public abstract class CachedBalances : IAsyncLifetime
{
    private ServiceProvider _services = null!;

    protected BalancesDatabase Db { get; } = new();

    protected IBalanceRepository Repository => _services.GetRequiredService<IBalanceRepository>();

    protected CachingGenCache Cache => _services.GetRequiredService<CachingGenCache>();

    /// <summary>A new DI scope, as each request of the app gets.</summary>
    protected AsyncServiceScope CreateScope() => _services.CreateAsyncScope();

    public async Task InitializeAsync()
    {
        await Db.InitializeAsync();
        var services = new ServiceCollection();
        services.AddSingleton(Db.DataSource);
        services.AddScoped<IBalanceRepository, BalanceRepository>();
        services.AddCachingGen();
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await Db.DisposeAsync();
    }
}
