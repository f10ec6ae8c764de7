using System;
using CachingGen.Storage;

namespace CachingGen.DependencyInjection;

/// <summary>Options of <c>services.AddCachingGen(o => ...)</c>.</summary>
public sealed class CachingGenOptions
{
    /// <summary>Options of the in-process store (size bound, clock).</summary>
    public InProcessCacheStoreOptions InProcess { get; } = new();

    /// <summary>
    /// Replaces the in-process store with a custom <see cref="ICacheStore"/>, created once per container.
    /// </summary>
    public Func<IServiceProvider, ICacheStore>? StoreFactory { get; set; }

    /// <summary>Uses <paramref name="store"/> instead of the in-process store.</summary>
    public CachingGenOptions UseStore(ICacheStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        StoreFactory = _ => store;
        return this;
    }
}
