using CachingGen.Diagnostics;
using CachingGen.Distributed;
using CachingGen.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CachingGen.DependencyInjection;

/// <summary>Options of <c>services.AddCachingGen(o => ...)</c>.</summary>
public sealed class CachingGenOptions
{
    private readonly List<Action<IServiceCollection>> _registrations = new();
    private readonly HashSet<Type> _allowedUndecorated = new();
    private int _appliedRegistrations;

    /// <summary>Options of the in-process store (size bound, clock).</summary>
    public InProcessCacheStoreOptions InProcess { get; } = new();

    /// <summary>
    /// Replaces the in-process store with a custom <see cref="ICacheStore"/>, created once per container.
    /// </summary>
    public Func<IServiceProvider, ICacheStore>? StoreFactory { get; set; }

    /// <summary>
    /// Creates the distributed level (set by <c>UseRedis</c> from CachingGen.Redis), once per container; null for
    /// an in-process cache only.
    /// </summary>
    public Func<IServiceProvider, IDistributedCacheLevel>? DistributedFactory { get; set; }

    /// <summary>
    /// Creates the backplane that carries invalidations between instances (set by <c>UseRedis</c>), once per
    /// container; null when there is none.
    /// </summary>
    public Func<IServiceProvider, ICacheBackplane>? BackplaneFactory { get; set; }

    /// <summary>What the cache's traces carry beyond the default: spans for hits, keys in spans (both off).</summary>
    public CacheTelemetryOptions Telemetry { get; } = new();

    /// <summary>Which levels serve look-ups when a distributed level is configured (default: both).</summary>
    public CacheLevels Levels { get; set; } = CacheLevels.Both;

    /// <summary>
    /// What the start-up check does when an annotated repository registration is not decorated (registered after
    /// <c>AddCachingGen()</c>, registered as its own class, or through a factory): <see langword="true"/> throws an
    /// <see cref="InvalidOperationException"/> listing every such registration when the host starts;
    /// <see langword="false"/> logs one warning per registration; <see langword="null"/> (the default) throws when
    /// the host's environment is Development and logs warnings otherwise.
    /// </summary>
    public bool? ThrowOnUndecorated { get; set; }

    /// <summary>
    /// Tells the start-up check that registrations of <paramref name="serviceType"/> are meant to stay undecorated
    /// (a factory that deliberately returns an uncached implementation, say), so they are not reported.
    /// </summary>
    public CachingGenOptions AllowUndecorated(Type serviceType)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        _allowedUndecorated.Add(serviceType);
        return this;
    }

    /// <summary>Uses <paramref name="store"/> instead of the in-process store.</summary>
    public CachingGenOptions UseStore(ICacheStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        StoreFactory = _ => store;
        return this;
    }

    /// <summary>
    /// Adds service registrations that <c>AddCachingGen</c> applies, so an extension such as <c>UseRedis</c> can
    /// register its own options and services.
    /// </summary>
    public CachingGenOptions AddServices(Action<IServiceCollection> registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        _registrations.Add(registration);
        return this;
    }

    internal bool IsAllowedUndecorated(Type serviceType) => _allowedUndecorated.Contains(serviceType);

    /// <summary>
    /// Applies the registrations added since the last call: one options instance serves every
    /// <c>AddCachingGen</c> call on a collection, and an earlier call's registrations are already there.
    /// </summary>
    internal void ApplyNewRegistrations(IServiceCollection services)
    {
        for (; _appliedRegistrations < _registrations.Count; _appliedRegistrations++)
        {
            _registrations[_appliedRegistrations](services);
        }
    }
}
