using System;
using System.Diagnostics.Metrics;
using CachingGen;
using CachingGen.DependencyInjection;
using CachingGen.Infrastructure;
using CachingGen.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
    /// repositories. Calling it again decorates nothing twice.
    /// </summary>
    /// <remarks>
    /// A registration is decorated when its implementation type (or instance's type) is known; a factory
    /// registration (<c>AddScoped&lt;IRepo&gt;(sp =&gt; ...)</c>) is left as it is, because its type is only known
    /// once the factory runs.
    /// </remarks>
    public static IServiceCollection AddCachingGen(this IServiceCollection services, Action<CachingGenOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new CachingGenOptions();
        configure?.Invoke(options);
        options.InProcess.Validate();

        options.ApplyRegistrations(services);
        services.TryAddSingleton<ICacheStore>(sp => options.StoreFactory?.Invoke(sp) ?? new InProcessCacheStore(options.InProcess));
        services.TryAddSingleton(sp => new CachingGenCache(
            sp.GetRequiredService<ICacheStore>(),
            options.DistributedFactory?.Invoke(sp),
            options.Levels,
            sp.GetService<ILogger<CachingGenCache>>(),
            options.BackplaneFactory?.Invoke(sp),
            sp.GetService<IMeterFactory>()));

        var count = services.Count;
        for (var i = 0; i < count; i++)
        {
            if (TryDecorate(services[i], out var decorated, out var inner))
            {
                services[i] = decorated;
                services.Add(inner);
            }
        }

        return services;
    }

    private static bool TryDecorate(ServiceDescriptor descriptor, out ServiceDescriptor decorated, out ServiceDescriptor inner)
    {
        decorated = inner = null!;
        var declaredType = descriptor.IsKeyedService ? descriptor.KeyedImplementationType : descriptor.ImplementationType;
        var instance = descriptor.IsKeyedService ? descriptor.KeyedImplementationInstance : descriptor.ImplementationInstance;
        var implementationType = declaredType ?? instance?.GetType();
        if (implementationType is null
            || !DecoratorRegistry.TryFind(implementationType, out var registration)
            || Array.IndexOf(registration.ServiceTypes, descriptor.ServiceType) < 0)
        {
            return false;
        }

        // The real repository moves to a private keyed registration of its own type; one key per descriptor,
        // so two registrations of the same class each get their own inner instance.
        var innerKey = new InnerRepositoryKey(descriptor.ServiceType, implementationType);
        inner = declaredType is not null
            ? new ServiceDescriptor(implementationType, innerKey, declaredType, descriptor.Lifetime)
            : new ServiceDescriptor(implementationType, innerKey, instance!);

        var create = registration.Create;
        decorated = descriptor.IsKeyedService
            ? new ServiceDescriptor(
                descriptor.ServiceType,
                descriptor.ServiceKey,
                (sp, _) => create(sp.GetRequiredKeyedService(implementationType, innerKey), sp.GetRequiredService<CachingGenCache>()),
                descriptor.Lifetime)
            : new ServiceDescriptor(
                descriptor.ServiceType,
                sp => create(sp.GetRequiredKeyedService(implementationType, innerKey), sp.GetRequiredService<CachingGenCache>()),
                descriptor.Lifetime);
        return true;
    }

    private sealed class InnerRepositoryKey(Type serviceType, Type implementationType)
    {
        public override string ToString() => $"CachingGen inner {implementationType.Name} for {serviceType.Name}";
    }
}
