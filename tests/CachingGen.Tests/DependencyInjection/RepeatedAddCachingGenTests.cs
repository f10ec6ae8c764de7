using CachingGen.Distributed;
using CachingGen.Tests.Diagnostics;
using CachingGen.Tests.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// A library calling AddCachingGen() before the application registers its repositories is the case under test.
#pragma warning disable CG0019

namespace CachingGen.Tests.DependencyInjection;

/// <summary>A second AddCachingGen applies its options on top of the first's and decorates nothing twice.</summary>
public sealed class RepeatedAddCachingGenTests
{
    [Fact]
    public async Task Later_UseStore_wins_in_either_order_of_a_bare_and_a_configured_call()
    {
        var custom = new InProcessCacheStore();

        var bareFirst = UndecoratedRegistrationTests.Services(null);
        bareFirst.AddCachingGen();
        bareFirst.AddCachingGen(o => o.UseStore(custom));
        await using var bareFirstProvider = bareFirst.BuildServiceProvider();
        Assert.Same(custom, bareFirstProvider.GetRequiredService<CachingGenCache>().Store);

        // A later call that sets nothing keeps what an earlier one set.
        var configuredFirst = UndecoratedRegistrationTests.Services(null);
        configuredFirst.AddCachingGen(o => o.UseStore(custom));
        configuredFirst.AddCachingGen();
        await using var configuredFirstProvider = configuredFirst.BuildServiceProvider();
        Assert.Same(custom, configuredFirstProvider.GetRequiredService<CachingGenCache>().Store);

        var second = new InProcessCacheStore();
        var both = UndecoratedRegistrationTests.Services(null);
        both.AddCachingGen(o => o.UseStore(custom));
        both.AddCachingGen(o => o.UseStore(second));
        await using var bothProvider = both.BuildServiceProvider();
        Assert.Same(second, bothProvider.GetRequiredService<CachingGenCache>().Store);
    }

    [Fact]
    public async Task Later_distributed_level_and_Levels_win()
    {
        var level = new GatedLevel();

        var levelLater = UndecoratedRegistrationTests.Services(null);
        levelLater.AddCachingGen();
        levelLater.AddCachingGen(o => o.DistributedFactory = _ => level);
        await using var levelLaterProvider = levelLater.BuildServiceProvider();
        Assert.Same(level, levelLaterProvider.GetRequiredService<CachingGenCache>().Distributed);

        // LocalOnly from the later call turns the earlier call's distributed level off.
        var localLater = UndecoratedRegistrationTests.Services(null);
        localLater.AddCachingGen(o => o.DistributedFactory = _ => level);
        localLater.AddCachingGen(o => o.Levels = CacheLevels.LocalOnly);
        await using var localLaterProvider = localLater.BuildServiceProvider();
        Assert.Null(localLaterProvider.GetRequiredService<CachingGenCache>().Distributed);
    }

    [Fact]
    public async Task Library_call_before_the_repositories_and_application_call_after_decorate_once_and_report_nothing()
    {
        var logs = new CapturingLoggerProvider();
        var services = UndecoratedRegistrationTests.Services(logs);
        services.AddCachingGen();                                   // the library
        services.AddScoped<IUserRepository, UserRepository>();
        services.AddCachingGen(o => o.ThrowOnUndecorated = true);   // the application
        var count = services.Count;
        services.AddCachingGen();
        await using var provider = services.BuildServiceProvider();

        await UndecoratedRegistrationTests.StartAsync(provider);

        Assert.Empty(logs.Messages);
        Assert.Equal(count, services.Count);
        Assert.Single(services, d => d.ServiceType == typeof(IUserRepository));
        Assert.Single(services, d => d.ServiceType == typeof(UserRepository));
        Assert.Single(services, d => d.ServiceType == typeof(CachingGenCache));
        Assert.Single(provider.GetServices<IHostedService>());
        var repository = provider.CreateScope().ServiceProvider.GetRequiredService<IUserRepository>();
        Assert.Equal("UserRepositoryCachingDecorator", repository.GetType().Name);
        Assert.IsType<UserRepository>(repository.GetType().GetField("_inner", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(repository));
    }
}
