using Microsoft.Extensions.DependencyInjection;

namespace CachingGen.DependencyInjection;

/// <summary>
/// What <c>AddCachingGen</c> leaves in a service collection, as a singleton instance that also marks the collection as
/// set up: the one <see cref="CachingGenOptions"/> that every call configures (so a later call's options apply on top
/// of an earlier one's), the collection itself (the same list keeps receiving registrations after the call, so the
/// start-up check sees the final one) and the descriptors <c>AddCachingGen</c> wrote, which the check tells apart
/// from the application's own.
/// </summary>
internal sealed class CachingGenSetup(IServiceCollection services)
{
    private readonly HashSet<ServiceDescriptor> _written = new(ReferenceEqualityComparer.Instance);

    public CachingGenOptions Options { get; } = new();

    public IServiceCollection Services { get; } = services;

    /// <summary>The setup of <paramref name="services"/> if <c>AddCachingGen</c> was called on it, else null.</summary>
    public static CachingGenSetup? Find(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(CachingGenSetup) && !descriptor.IsKeyedService)
            {
                return (CachingGenSetup?)descriptor.ImplementationInstance;
            }
        }

        return null;
    }

    public void MarkWritten(ServiceDescriptor descriptor) => _written.Add(descriptor);

    public bool IsWritten(ServiceDescriptor descriptor) => _written.Contains(descriptor);
}
