using System;
using System.Collections.Generic;
using CachingGen.Distributed;
using CachingGen.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CachingGen.DependencyInjection;

/// <summary>Options of <c>services.AddCachingGen(o => ...)</c>.</summary>
public sealed class CachingGenOptions
{
    private readonly List<Action<IServiceCollection>> _registrations = new();

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

    /// <summary>Which levels serve look-ups when a distributed level is configured (default: both).</summary>
    public CacheLevels Levels { get; set; } = CacheLevels.Both;

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

    internal void ApplyRegistrations(IServiceCollection services)
    {
        foreach (var registration in _registrations)
        {
            registration(services);
        }
    }
}
