using System.Reflection;
using CachingGen.Tests.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CachingGen.Tests.DependencyInjection;

public sealed class AddCachingGenTests
{
    [Fact]
    public async Task Decorator_is_what_DI_hands_out_and_the_real_repository_keeps_its_dependencies()
    {
        var services = new ServiceCollection();
        services.AddSingleton<UserStore>();
        services.AddScoped<IUserRepository, UserRepository>();
        services.AddCachingGen();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

        await using var scope = provider.CreateAsyncScope();
        var repository = scope.ServiceProvider.GetRequiredService<IUserRepository>();
        Assert.Equal("UserRepositoryCachingDecorator", repository.GetType().Name);

        Assert.Equal("ada#1", await repository.NameAsync(1));
        Assert.Equal("ada#1", await repository.NameAsync(1));
        Assert.Equal(1, provider.GetRequiredService<UserStore>().Reads);

        await repository.RenameAsync(1, "grace");
        Assert.Equal("grace#1", await repository.NameAsync(1));
    }

    [Theory]
    [InlineData(ServiceLifetime.Singleton)]
    [InlineData(ServiceLifetime.Scoped)]
    [InlineData(ServiceLifetime.Transient)]
    public async Task Registration_lifetime_is_kept(ServiceLifetime lifetime)
    {
        var services = new ServiceCollection();
        services.AddSingleton<UserStore>();
        services.Add(new ServiceDescriptor(typeof(IUserRepository), typeof(UserRepository), lifetime));
        services.AddCachingGen();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        Assert.Equal(lifetime, services.Single(d => d.ServiceType == typeof(IUserRepository)).Lifetime);
        await using var scope1 = provider.CreateAsyncScope();
        await using var scope2 = provider.CreateAsyncScope();
        var a1 = scope1.ServiceProvider.GetRequiredService<IUserRepository>();
        var a2 = scope1.ServiceProvider.GetRequiredService<IUserRepository>();
        var b1 = scope2.ServiceProvider.GetRequiredService<IUserRepository>();

        switch (lifetime)
        {
            case ServiceLifetime.Singleton:
                Assert.Same(a1, a2);
                Assert.Same(a1, b1);
                break;
            case ServiceLifetime.Scoped:
                Assert.Same(a1, a2);
                Assert.NotSame(a1, b1);
                Assert.NotEqual(a1.InstanceId, b1.InstanceId);
                break;
            default:
                Assert.NotSame(a1, a2);
                Assert.NotEqual(a1.InstanceId, a2.InstanceId);
                break;
        }
    }

    [Fact]
    public async Task Repositories_in_another_assembly_are_decorated()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ProductClock>();
        services.AddTransient<IProductRepository, ProductRepository>();
        services.AddCachingGen();
        await using var provider = services.BuildServiceProvider();

        var first = provider.GetRequiredService<IProductRepository>();
        var second = provider.GetRequiredService<IProductRepository>();
        Assert.Equal("ProductRepositoryCachingDecorator", first.GetType().Name);
        Assert.Equal(typeof(ProductRepository).Assembly, first.GetType().Assembly);

        var name = await first.NameAsync(3);
        provider.GetRequiredService<ProductClock>().Now = 2;
        Assert.Equal(name, await second.NameAsync(3));
        Assert.Equal(0, second.Calls); // answered by the shared cache: the second instance never ran
        Assert.Equal(1, first.Calls);
    }

    [Fact]
    public async Task Keyed_and_instance_registrations_are_decorated_and_factories_are_left_alone()
    {
        var store = new UserStore();
        var services = new ServiceCollection();
        services.AddSingleton(store);
        services.AddKeyedScoped<IUserRepository, UserRepository>("primary");
        services.AddSingleton<IUserRepository>(new UserRepository(store));
        services.AddCachingGen();
        await using var provider = services.BuildServiceProvider();

        Assert.Equal("UserRepositoryCachingDecorator", provider.GetRequiredKeyedService<IUserRepository>("primary").GetType().Name);
        Assert.Equal("UserRepositoryCachingDecorator", provider.GetRequiredService<IUserRepository>().GetType().Name);

        var factoryServices = new ServiceCollection();
        factoryServices.AddSingleton(store);
        factoryServices.AddScoped<IUserRepository>(sp => new UserRepository(sp.GetRequiredService<UserStore>()));
        factoryServices.AddCachingGen();
        await using var factoryProvider = factoryServices.BuildServiceProvider();
        Assert.IsType<UserRepository>(factoryProvider.GetRequiredService<IUserRepository>());
    }

    [Fact]
    public async Task Calling_it_twice_decorates_once()
    {
        var services = new ServiceCollection();
        services.AddSingleton<UserStore>();
        services.AddScoped<IUserRepository, UserRepository>();
        services.AddCachingGen();
        var count = services.Count;
        services.AddCachingGen();
        await using var provider = services.BuildServiceProvider();

        Assert.Equal(count, services.Count);
        Assert.Equal("UserRepositoryCachingDecorator", provider.GetRequiredService<IUserRepository>().GetType().Name);
    }

    [Fact]
    public async Task Container_still_disposes_the_real_repository()
    {
        var services = new ServiceCollection();
        services.AddScoped<IUserRepository, DisposableRepository>();
        services.AddCachingGen();
        await using var provider = services.BuildServiceProvider();

        DisposableRepository inner;
        await using (var scope = provider.CreateAsyncScope())
        {
            var decorator = scope.ServiceProvider.GetRequiredService<IUserRepository>();
            Assert.Equal("DisposableRepositoryCachingDecorator", decorator.GetType().Name);
            inner = (DisposableRepository)decorator.GetType().GetField("_inner", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(decorator)!;
            Assert.False(inner.Disposed);
        }

        Assert.True(inner.Disposed);
    }

    [Fact]
    public async Task Custom_store_replaces_the_in_process_store()
    {
        var custom = new InProcessCacheStore(new InProcessCacheStoreOptions { MaxEntries = 10 });
        var services = new ServiceCollection();
        services.AddSingleton<UserStore>();
        services.AddScoped<IUserRepository, UserRepository>();
        services.AddCachingGen(o => o.UseStore(custom));
        await using var provider = services.BuildServiceProvider();

        await provider.CreateScope().ServiceProvider.GetRequiredService<IUserRepository>().NameAsync(5);

        Assert.Same(custom, provider.GetRequiredService<CachingGenCache>().Store);
        Assert.Equal(1, custom.Count);
        await provider.GetRequiredService<CachingGenCache>().RemoveAsync(UserRepositoryCacheKeys.UserId(5));
        Assert.Equal(0, custom.Count);
    }
}
