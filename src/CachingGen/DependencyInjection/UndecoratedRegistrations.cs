using System.Linq;
using System.Text;
using CachingGen.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CachingGen.DependencyInjection;

/// <summary>
/// Finds the registrations of annotated repositories that <c>AddCachingGen</c> did not put a decorator in front of,
/// and says for each what to change. A registration it wrote itself is never reported; every other one whose
/// implementation (or, for a factory, whose service type) belongs to a generated decorator is.
/// </summary>
internal static class UndecoratedRegistrations
{
    /// <summary>
    /// One sentence per undecorated registration in <paramref name="setup"/>'s collection, in registration order. With
    /// <paramref name="includeFactories"/> false, only the definite mistakes: a factory may deliberately return something
    /// else, or forward to a decorated registration, so it is a warning, never a reason to stop by default.
    /// </summary>
    public static List<string> Find(CachingGenSetup setup, bool includeFactories = true)
    {
        var problems = new List<string>();
        foreach (var descriptor in setup.Services)
        {
            if (setup.IsWritten(descriptor)
                || descriptor.ServiceType.IsGenericTypeDefinition
                || setup.Options.IsAllowedUndecorated(descriptor.ServiceType)
                || (!includeFactories && IsFactory(descriptor))
                || Problem(setup, descriptor) is not { } problem)
            {
                continue;
            }

            problems.Add(problem);
        }

        return problems;
    }

    private static bool IsFactory(ServiceDescriptor descriptor)
        => descriptor.IsKeyedService ? descriptor.KeyedImplementationFactory is not null : descriptor.ImplementationFactory is not null;

    /// <summary>The message of the exception that lists <paramref name="problems"/>.</summary>
    public static string Summary(IReadOnlyList<string> problems)
    {
        var text = new StringBuilder()
            .Append("CachingGen: ").Append(problems.Count)
            .Append(problems.Count == 1 ? " repository registration is" : " repository registrations are")
            .Append(" not decorated:");
        foreach (var problem in problems)
        {
            text.AppendLine().Append("- ").Append(problem);
        }

        return text.ToString();
    }

    private static string? Problem(CachingGenSetup setup, ServiceDescriptor descriptor)
    {
        var serviceType = descriptor.ServiceType;
        var declaredType = descriptor.IsKeyedService ? descriptor.KeyedImplementationType : descriptor.ImplementationType;
        var instance = descriptor.IsKeyedService ? descriptor.KeyedImplementationInstance : descriptor.ImplementationInstance;
        var implementationType = declaredType ?? instance?.GetType();
        if (implementationType is null)
        {
            // A factory: its type is only known once it runs, so judge by the service type it promises.
            var candidates = DecoratorRegistry.FindImplementationsOf(serviceType);
            if (candidates.Count == 0 || ForwardsToADecorator(setup, candidates))
            {
                return null;
            }

            var which = candidates.Count == 1
                ? $"{Name(candidates[0])} implements {Short(serviceType)} and has a decorator"
                : $"{string.Join(", ", candidates.Select(Name))} implement {Short(serviceType)} and have decorators";
            var call = Call(descriptor, serviceType, candidates.Count == 1 ? Short(candidates[0]) : "TImplementation");
            return Uncached(descriptor, null, $"it is registered through a factory (sp => ...), whose implementation is only known once it runs, so it cannot be decorated ({which}). Register the type instead, e.g. {call}, and give its constructor arguments registrations of their own; if the factory deliberately returns an uncached implementation, say so with AddCachingGen(o => o.AllowUndecorated(typeof({Short(serviceType)}))).");
        }

        if (!DecoratorRegistry.TryFind(implementationType, out var registration))
        {
            return null;
        }

        if (registration.ServiceTypes.Contains(serviceType))
        {
            return Uncached(descriptor, implementationType, "it was registered after AddCachingGen(), which decorates only the registrations already in the collection (a later Add... or TryAdd... is not seen). Call AddCachingGen() after registering it.");
        }

        // Registered as its class (or a base class) after AddCachingGen: the instance is not tied to this container's
        // cache, so calls the interceptors see on it use the process's cache, of which there is none with two containers.
        return Uncached(descriptor, serviceType == implementationType ? null : implementationType, "it was registered after AddCachingGen(), which ties only the registrations already in the collection to the container's cache; calls made on it use the process's cache instead, which is no cache at all while two containers live in one process. Call AddCachingGen() after registering it.");
    }

    /// <summary>
    /// Whether a candidate implementation is also registered and decorated: then the factory most likely forwards to
    /// that registration (<c>sp =&gt; (IWriter)sp.GetRequiredService&lt;IReader&gt;()</c>) and returns the decorator.
    /// </summary>
    private static bool ForwardsToADecorator(CachingGenSetup setup, IReadOnlyList<Type> candidates)
    {
        foreach (var candidate in candidates)
        {
            if (!DecoratorRegistry.TryFind(candidate, out var registration))
            {
                continue;
            }

            foreach (var written in setup.Services)
            {
                if (setup.IsWritten(written) && registration.ServiceTypes.Contains(written.ServiceType))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string Uncached(ServiceDescriptor descriptor, Type? implementationType, string reason)
    {
        var key = descriptor.IsKeyedService ? $", key '{descriptor.ServiceKey}'" : string.Empty;
        var implementation = implementationType is null ? string.Empty : $", implemented by {Name(implementationType)}";
        return $"{Name(descriptor.ServiceType)} ({Lifetime(descriptor)}{key}{implementation}) is not decorated, so its [Cached]/[Invalidates] methods are not cached: {reason}";
    }

    private static string Lifetime(ServiceDescriptor descriptor) => descriptor.Lifetime switch
    {
        ServiceLifetime.Singleton => "singleton",
        ServiceLifetime.Scoped => "scoped",
        _ => "transient",
    };

    /// <summary>The registration call that would be decorated, written as the application would write it.</summary>
    private static string Call(ServiceDescriptor descriptor, Type serviceType, string implementation)
        => descriptor.IsKeyedService
            ? $"AddKeyed{descriptor.Lifetime}<{Short(serviceType)}, {implementation}>(key)"
            : $"Add{descriptor.Lifetime}<{Short(serviceType)}, {implementation}>()";

    /// <summary>A type as C# writes it, with its namespace: <c>App.IRepo&lt;App.Order&gt;</c>.</summary>
    private static string Name(Type type)
        => type.Namespace is { Length: > 0 } ns ? ns + "." + Short(type) : Short(type);

    private static string Short(Type type)
    {
        var name = type.IsNested ? Short(type.DeclaringType!) + "." + type.Name : type.Name;
        if (!type.IsGenericType)
        {
            return name;
        }

        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return (tick < 0 ? name : name[..tick]) + "<" + string.Join(", ", type.GetGenericArguments().Select(Short)) + ">";
    }
}
