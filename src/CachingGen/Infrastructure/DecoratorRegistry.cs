using System.Collections.Concurrent;
using System.ComponentModel;
using System.Reflection;
using System.Runtime.CompilerServices;
using CachingGen.Internals.Keys;

namespace CachingGen.Infrastructure;

/// <summary>
/// Generated decorators announce themselves here from a module initializer in their own assembly, so
/// <c>AddCachingGen</c> finds repositories in any project without scanning types. What is registered is what the
/// compiler saw (types, policies, prefix shapes): facts about loaded code, never counters or configuration.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DecoratorRegistry
{
    private static readonly ConcurrentDictionary<Type, DecoratorRegistration> s_byImplementation = new();

    /// <summary>Called by generated code.</summary>
    public static void Register(DecoratorRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        s_byImplementation[registration.ImplementationType] = registration;
        foreach (var method in registration.Methods)
        {
            foreach (var shape in method.Prefixes)
            {
                PrefixIndex.Register(shape);
            }
        }
    }

    /// <summary>Finds the decorator generated for <paramref name="implementationType"/>, if any.</summary>
    internal static bool TryFind(Type implementationType, out DecoratorRegistration registration)
    {
        // The module initializer of the repository's assembly registers its decorators; run it if nothing
        // in that assembly has executed yet. It runs at most once per module.
        EnsureModuleInitialized(implementationType.Assembly);
        return s_byImplementation.TryGetValue(implementationType, out registration!);
    }

    /// <summary>
    /// The annotated classes whose decorators implement <paramref name="serviceType"/>, sorted by full name: what a
    /// factory registration of that type would have needed. Start-up only: it reads every registration.
    /// </summary>
    internal static List<Type> FindImplementationsOf(Type serviceType)
    {
        // The interface's assembly often holds its implementations too; the implementations' assemblies have run
        // their initializers already if anything in the collection names one of their types.
        EnsureModuleInitialized(serviceType.Assembly);
        var implementations = new List<Type>();
        foreach (var registration in s_byImplementation.Values)
        {
            if (Array.IndexOf(registration.ServiceTypes, serviceType) >= 0)
            {
                implementations.Add(registration.ImplementationType);
            }
        }

        implementations.Sort(static (a, b) => string.CompareOrdinal(a.FullName, b.FullName));
        return implementations;
    }

    /// <summary>Runs the registrations of the loaded assemblies that reference CachingGen, so their descriptors exist (the cache map).</summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only the names of referenced assemblies are read, to find those that may hold annotated methods; an assembly trimmed away holds none to show.")]
    internal static void EnsureLoadedAssembliesRegistered()
    {
        var runtime = typeof(DecoratorRegistry).Assembly.GetName().Name;
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (!assembly.IsDynamic && Array.Exists(assembly.GetReferencedAssemblies(), r => r.Name == runtime))
            {
                EnsureModuleInitialized(assembly);
            }
        }
    }

    private static void EnsureModuleInitialized(Assembly assembly)
        => RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
}
