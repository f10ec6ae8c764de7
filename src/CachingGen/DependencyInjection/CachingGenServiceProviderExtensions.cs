using CachingGen.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The start-up check of <c>AddCachingGen</c>, for an application that runs without a host.</summary>
public static class CachingGenServiceProviderExtensions
{
    /// <summary>
    /// Throws an <see cref="InvalidOperationException"/> listing every annotated repository registration of the
    /// collection <paramref name="services"/> was built from that is not decorated (registered after
    /// <c>AddCachingGen()</c>, registered as its own class, or through a factory), each with what to change, or when
    /// <c>AddCachingGen()</c> was not called on it; returns when every one is decorated. A host runs the same check
    /// when it starts (see <see cref="CachingGenOptions.ThrowOnUndecorated"/>).
    /// </summary>
    public static void ValidateCachingGen(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var setup = services.GetService<CachingGenSetup>()
            ?? throw new InvalidOperationException("CachingGen: AddCachingGen() was not called on the service collection this provider was built from, so no repository is decorated; call services.AddCachingGen() after registering the repositories.");
        var problems = UndecoratedRegistrations.Find(setup);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(UndecoratedRegistrations.Summary(problems));
        }
    }
}
