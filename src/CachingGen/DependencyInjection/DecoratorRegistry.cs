using System;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace CachingGen.DependencyInjection;

/// <summary>
/// Generated decorators announce themselves here from a module initializer in their own assembly, so
/// <c>AddCachingGen</c> finds repositories in any project without scanning types.
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
    }

    /// <summary>Finds the decorator generated for <paramref name="implementationType"/>, if any.</summary>
    public static bool TryFind(Type implementationType, out DecoratorRegistration registration)
    {
        // The module initializer of the repository's assembly registers its decorators; run it if nothing
        // in that assembly has executed yet. It runs at most once per module.
        EnsureModuleInitialized(implementationType.Assembly);
        return s_byImplementation.TryGetValue(implementationType, out registration!);
    }

    private static void EnsureModuleInitialized(Assembly assembly)
        => RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
}
