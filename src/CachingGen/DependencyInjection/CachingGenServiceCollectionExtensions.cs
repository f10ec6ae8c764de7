using System.Diagnostics.Metrics;
using CachingGen;
using CachingGen.DependencyInjection;
using CachingGen.Infrastructure;
using CachingGen.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers CachingGen and puts the generated decorators in front of annotated repositories.</summary>
public static class CachingGenServiceCollectionExtensions
{
    /// <summary>
    /// Registers the cache (the in-process store unless <paramref name="configure"/> picks another) and
    /// replaces every registration already in <paramref name="services"/> whose implementation is an annotated
    /// repository with its generated decorator, keeping the registration's lifetime and key. The real
    /// repository is still built by the container, with its own dependencies. Call it after registering the
    /// repositories.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Microsoft's container offers no hook at <c>BuildServiceProvider()</c>, so a registration added after this
    /// call cannot be decorated. Nothing stays silent instead: this call registers a hosted service whose start
    /// walks the final collection and reports every annotated repository registration that is not decorated
    /// (added later, registered as its own class, or a factory, whose type is only known once it runs), with what
    /// to do; see <see cref="CachingGenOptions.ThrowOnUndecorated"/>, and
    /// <see cref="CachingGenServiceProviderExtensions.ValidateCachingGen"/> for an application without a host.
    /// </para>
    /// <para>
    /// Calling it again (a library calls it first, the application later) decorates the registrations added in
    /// between and nothing twice, and runs <paramref name="configure"/> on the same options, so the later call's
    /// settings (<c>UseRedis</c>, <c>Levels</c>, <c>UseStore</c>) win; the cache reads the options when it is built.
    /// </para>
    /// </remarks>
    public static IServiceCollection AddCachingGen(this IServiceCollection services, Action<CachingGenOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var existing = CachingGenSetup.Find(services);
        var setup = existing ?? new CachingGenSetup(services);
        var options = setup.Options;
        configure?.Invoke(options);
        options.InProcess.Validate();

        // An extension's registrations (UseRedis) go in first, so a store it registers wins over the default one.
        options.ApplyNewRegistrations(services);
        if (existing is null)
        {
            Register(services, setup);
        }

        var count = services.Count;
        for (var i = 0; i < count; i++)
        {
            if (!setup.IsWritten(services[i]) && TryDecorate(services[i], out var decorated, out var inner))
            {
                services[i] = decorated;
                services.Add(inner);
                setup.MarkWritten(decorated);
                setup.MarkWritten(inner);
            }
        }

        return services;
    }

    /// <summary>The first call's registrations; they read <paramref name="setup"/>'s options when resolved, so later calls' settings count.</summary>
    private static void Register(IServiceCollection services, CachingGenSetup setup)
    {
        var options = setup.Options;
        services.AddSingleton(setup);
        services.TryAddSingleton<ICacheStore>(sp => options.StoreFactory?.Invoke(sp) ?? new InProcessCacheStore(options.InProcess));
        services.TryAddSingleton(sp =>
        {
            var cache = new CachingGenCache(
                sp.GetRequiredService<ICacheStore>(),
                options.DistributedFactory?.Invoke(sp),
                options.Levels,
                sp.GetService<ILogger<CachingGenCache>>(),
                options.BackplaneFactory?.Invoke(sp),
                sp.GetService<IMeterFactory>(),
                options.InProcess.TimeProvider)
            {
                Telemetry = options.Telemetry,
            };

            // Intercepted calls on instances no container created use it while it is the process's only one.
            InterceptedCache.Attach(cache);
            return cache;
        });
        services.AddSingleton<IHostedService, CachingGenStartupCheck>(sp => new CachingGenStartupCheck(
            setup,
            sp.GetService<ILogger<CachingGenCache>>(),
            sp.GetService<IHostEnvironment>()));
    }

    private static bool TryDecorate(ServiceDescriptor descriptor, out ServiceDescriptor decorated, out ServiceDescriptor inner)
    {
        decorated = inner = null!;
        var declaredType = descriptor.IsKeyedService ? descriptor.KeyedImplementationType : descriptor.ImplementationType;
        var instance = descriptor.IsKeyedService ? descriptor.KeyedImplementationInstance : descriptor.ImplementationInstance;
        var implementationType = declaredType ?? instance?.GetType();
        if (implementationType is null || !DecoratorRegistry.TryFind(implementationType, out var registration))
        {
            return false;
        }

        // A registration of one of the decorator's interfaces gets the decorator; any other (the class itself, a base
        // class) gets the instance as it is, tied to the cache, so the interceptors of calls made on it use this
        // container's cache. Either way the real repository moves to a private keyed registration of its own type;
        // one key per descriptor, so two registrations of the same class each get their own inner instance.
        var create = registration.Create is { } factory && Array.IndexOf(registration.ServiceTypes, descriptor.ServiceType) >= 0 ? factory : null;
        var innerKey = new InnerRepositoryKey(descriptor.ServiceType, implementationType);
        inner = declaredType is not null
            ? new ServiceDescriptor(implementationType, innerKey, declaredType, descriptor.Lifetime)
            : new ServiceDescriptor(implementationType, innerKey, instance!);

        object Build(IServiceProvider sp)
        {
            var repository = sp.GetRequiredKeyedService(implementationType, innerKey);
            var cache = sp.GetRequiredService<CachingGenCache>();
            InterceptedCache.Bind(repository, cache);
            return create is null ? repository : create(repository, cache);
        }

        decorated = descriptor.IsKeyedService
            ? new ServiceDescriptor(descriptor.ServiceType, descriptor.ServiceKey, (sp, _) => Build(sp), descriptor.Lifetime)
            : new ServiceDescriptor(descriptor.ServiceType, Build, descriptor.Lifetime);
        return true;
    }

    private sealed class InnerRepositoryKey(Type serviceType, Type implementationType)
    {
        public override string ToString() => $"CachingGen inner {implementationType.Name} for {serviceType.Name}";
    }
}
