using CachingGen.Tests.Diagnostics;
using CachingGen.Tests.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// These tests make the mistakes CG0019 and CG0020 report at compile time, to see what happens at run time.
#pragma warning disable CG0019, CG0020

namespace CachingGen.Tests.DependencyInjection;

/// <summary>The start-up check: every annotated repository registration left undecorated is reported, with the remedy.</summary>
public sealed class UndecoratedRegistrationTests
{
    private const string Repository = "CachingGen.Tests.DependencyInjection.IUserRepository";
    private const string Implementation = "CachingGen.Tests.DependencyInjection.UserRepository";
    private const string Uncached = "is not decorated, so its [Cached]/[Invalidates] methods are not cached: ";

    private const string RegisteredAfter = "CachingGen: " + Repository + " (scoped, implemented by " + Implementation + ") " + Uncached
        + "it was registered after AddCachingGen(), which decorates only the registrations already in the collection (a later Add... or TryAdd... is not seen). Call AddCachingGen() after registering it.";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Registration_or_TryAdd_after_AddCachingGen_is_a_warning_at_start_naming_the_repository(bool tryAdd)
    {
        var logs = new CapturingLoggerProvider();
        var services = Services(logs);
        services.AddCachingGen();
        if (tryAdd)
        {
            services.TryAddScoped<IUserRepository, UserRepository>();
        }
        else
        {
            services.AddScoped<IUserRepository, UserRepository>();
        }

        await using var provider = services.BuildServiceProvider();

        await StartAsync(provider);

        Assert.Equal([RegisteredAfter], logs.Messages);
        Assert.IsType<UserRepository>(provider.CreateScope().ServiceProvider.GetRequiredService<IUserRepository>());
    }

    [Fact]
    public async Task With_ThrowOnUndecorated_the_start_throws_listing_every_problem()
    {
        var services = Services(null);
        services.AddCachingGen(o => o.ThrowOnUndecorated = true);
        services.AddScoped<IUserRepository, UserRepository>();
        services.AddKeyedSingleton<IUserRepository, UserRepository>("primary");
        await using var provider = services.BuildServiceProvider();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(provider));

        var lines = exception.Message.Split(Environment.NewLine);
        Assert.Equal("CachingGen: 2 repository registrations are not decorated:", lines[0]);
        Assert.Equal("- " + RegisteredAfter["CachingGen: ".Length..], lines[1]);
        Assert.StartsWith("- " + Repository + " (singleton, key 'primary', implemented by " + Implementation + ") " + Uncached + "it was registered after AddCachingGen()", lines[2], StringComparison.Ordinal);
        Assert.Equal("(CachingGen stops the start because ThrowOnUndecorated is on, or unset in the Development environment; set AddCachingGen(o => o.ThrowOnUndecorated = false) to only log warnings.)", lines[3]);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public async Task ValidateCachingGen_throws_the_same_list_without_a_host()
    {
        var services = Services(null);
        services.AddCachingGen();
        services.AddScoped<IUserRepository, UserRepository>();
        await using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<InvalidOperationException>(provider.ValidateCachingGen);

        Assert.Equal("CachingGen: 1 repository registration is not decorated:" + Environment.NewLine + "- " + RegisteredAfter["CachingGen: ".Length..], exception.Message);
    }

    [Fact]
    public async Task Correct_order_reports_nothing()
    {
        var logs = new CapturingLoggerProvider();
        var services = Services(logs);
        services.AddScoped<IUserRepository, UserRepository>();
        services.AddKeyedScoped<IUserRepository, UserRepository>("primary");
        services.AddSingleton<IUserRepository>(new UserRepository(new UserStore()));
        services.AddCachingGen(o => o.ThrowOnUndecorated = true);
        await using var provider = services.BuildServiceProvider();

        await StartAsync(provider);
        provider.ValidateCachingGen();

        Assert.Empty(logs.Messages);
    }

    [Fact]
    public async Task Factory_registration_is_a_warning_with_the_remedy_unless_allowed()
    {
        var logs = new CapturingLoggerProvider();
        var services = Services(logs);
        services.AddScoped<IUserRepository>(sp => new UserRepository(sp.GetRequiredService<UserStore>()));
        services.AddCachingGen();
        await using var provider = services.BuildServiceProvider();

        await StartAsync(provider);

        Assert.Equal(
            ["CachingGen: " + Repository + " (scoped) " + Uncached + "it is registered through a factory (sp => ...), whose implementation is only known once it runs, so it cannot be decorated ("
                + "CachingGen.Tests.DependencyInjection.DisposableRepository, " + Implementation + " implement IUserRepository and have decorators). "
                + "Register the type instead, e.g. AddScoped<IUserRepository, TImplementation>(), and give its constructor arguments registrations of their own; "
                + "if the factory deliberately returns an uncached implementation, say so with AddCachingGen(o => o.AllowUndecorated(typeof(IUserRepository)))."],
            logs.Messages);

        // A factory of a repository in another assembly (whose module initializer the check runs), with one implementation.
        var product = Services(null);
        product.AddKeyedTransient<IProductRepository>("p", (_, _) => new ProductRepository(new ProductClock()));
        product.AddCachingGen();
        await using var productProvider = product.BuildServiceProvider();
        var exception = Assert.Throws<InvalidOperationException>(productProvider.ValidateCachingGen);
        Assert.Contains(
            "- CachingGen.Tests.Repositories.IProductRepository (transient, key 'p') " + Uncached + "it is registered through a factory (sp => ...), whose implementation is only known once it runs, so it cannot be decorated "
                + "(CachingGen.Tests.Repositories.ProductRepository implements IProductRepository and has a decorator). Register the type instead, e.g. AddKeyedTransient<IProductRepository, ProductRepository>(key), ",
            exception.Message,
            StringComparison.Ordinal);

        var allowed = Services(null);
        allowed.AddScoped<IUserRepository>(sp => new UserRepository(sp.GetRequiredService<UserStore>()));
        allowed.AddCachingGen(o => o.AllowUndecorated(typeof(IUserRepository)));
        await using var allowedProvider = allowed.BuildServiceProvider();
        allowedProvider.ValidateCachingGen();
    }

    [Fact]
    public async Task Self_registration_before_AddCachingGen_is_tied_to_the_cache_and_not_reported()
    {
        var logs = new CapturingLoggerProvider();
        var services = Services(logs);
        services.AddScoped<UserRepository>();
        services.AddCachingGen();
        await using var provider = services.BuildServiceProvider();

        await StartAsync(provider);

        Assert.Empty(logs.Messages);
        using var scope = provider.CreateScope();
        var repository = scope.ServiceProvider.GetRequiredService<UserRepository>();
        Assert.IsType<UserRepository>(repository);
        Assert.Same(provider.GetRequiredService<CachingGenCache>(), InterceptedCache.Of(repository));
    }

    [Fact]
    public async Task Self_registration_after_AddCachingGen_is_a_warning()
    {
        var logs = new CapturingLoggerProvider();
        var services = Services(logs);
        services.AddCachingGen();
        services.AddScoped<UserRepository>();
        await using var provider = services.BuildServiceProvider();

        await StartAsync(provider);

        Assert.Equal(
            ["CachingGen: " + Implementation + " (scoped) " + Uncached + "it was registered after AddCachingGen(), which ties only the registrations already in the collection to the container's cache; calls made on it use the process's cache instead, which is no cache at all while two containers live in one process. Call AddCachingGen() after registering it."],
            logs.Messages);
    }

    [Theory]
    [InlineData("Development", true)]
    [InlineData("Production", false)]
    public async Task By_default_the_check_throws_in_Development_and_only_logs_elsewhere(string environment, bool throws)
    {
        var logs = new CapturingLoggerProvider();
        var services = Services(logs);
        services.AddSingleton<IHostEnvironment>(new TestEnvironment(environment));
        services.AddCachingGen();
        services.AddScoped<IUserRepository, UserRepository>();
        await using var provider = services.BuildServiceProvider();

        var exception = await Record.ExceptionAsync(() => StartAsync(provider));

        Assert.Equal(throws, exception is InvalidOperationException);
        Assert.Equal([RegisteredAfter], logs.Messages);
    }

    [Fact]
    public void ValidateCachingGen_without_AddCachingGen_says_so()
    {
        var services = Services(null);
        services.AddScoped<IUserRepository, UserRepository>();
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<InvalidOperationException>(provider.ValidateCachingGen);

        Assert.Equal("CachingGen: AddCachingGen() was not called on the service collection this provider was built from, so no repository is decorated; call services.AddCachingGen() after registering the repositories.", exception.Message);
    }

    internal static ServiceCollection Services(CapturingLoggerProvider? logs)
    {
        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            if (logs is not null)
            {
                b.AddProvider(logs);
            }
        });
        services.AddSingleton<UserStore>();
        return services;
    }

    /// <summary>What a host does first when it starts: start its hosted services, in registration order.</summary>
    internal static async Task StartAsync(IServiceProvider provider)
    {
        foreach (var service in provider.GetServices<IHostedService>())
        {
            await service.StartAsync(default);
        }
    }

    private sealed class TestEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Tests";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
