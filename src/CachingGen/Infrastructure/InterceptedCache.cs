using System.ComponentModel;
using System.Runtime.CompilerServices;
using CachingGen.Internals.Diagnostics;
using CachingGen.Storage;

namespace CachingGen.Infrastructure;

/// <summary>
/// How a generated interceptor (a call made on the repository class itself, not through its interface) finds its
/// cache. The rule, also in the README ("What is cached"):
/// <list type="number">
/// <item>An instance the container created (<c>AddCachingGen</c> binds it) uses that container's cache, the one its
/// decorator uses, so two hosts in one process keep their caches apart.</item>
/// <item>Any other instance (created with <c>new</c>, by a factory, by a container without <c>AddCachingGen</c>)
/// and a static method use the process's cache: the container cache when exactly one is live, an embedded
/// in-process cache when there is none. With two or more live, there is no telling which one is meant: reads are
/// not cached (a warning at start-up says so) and invalidations reach every live cache.</item>
/// </list>
/// The one live cache is kept in a static field, so the usual case (one host) costs a field read, not a look-up.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class InterceptedCache
{
    private static readonly ConditionalWeakTable<object, CachingGenCache> s_bindings = new();
    private static readonly Lock s_gate = new();
    private static readonly List<CachingGenCache> s_live = [];

    // The cache every call uses while exactly one container cache is live (or the embedded one while none is and it
    // exists); null otherwise, which sends calls to the slow path below.
    private static volatile CachingGenCache? s_sole;
    private static CachingGenCache? s_embedded;

    /// <summary>
    /// The cache a call on <paramref name="instance"/> uses (null for a static method); null when none applies
    /// (two or more containers and an instance none of them created): the call then goes uncached.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static CachingGenCache? Of(object? instance) => s_sole ?? Resolve(instance);

    /// <summary>
    /// Removes the keys of a successful intercepted <c>[Invalidates]</c> call from the cache of
    /// <paramref name="instance"/> or, when no one cache applies, from every live cache. Never throws.
    /// </summary>
    public static ValueTask InvalidateAllAsync(object? instance, CacheMethod method, params CacheInvalidation[] invalidations)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(invalidations);
        var cache = Of(instance);
        return cache is null ? InvalidateEverywhereAsync(method, invalidations) : InvalidateAsync(cache, instance, method, invalidations);
    }

    private static async ValueTask InvalidateAsync(CachingGenCache cache, object? instance, CacheMethod method, CacheInvalidation[] invalidations)
    {
        await cache.InvalidateAllAsync(invalidations, method).ConfigureAwait(false);

        // A container starting meanwhile may have replaced the embedded cache this call used: its cache (and its
        // distributed level) must not keep what this write made stale.
        var now = Of(instance);
        if (now is null)
        {
            await InvalidateEverywhereAsync(method, invalidations).ConfigureAwait(false);
        }
        else if (!ReferenceEquals(now, cache))
        {
            await now.InvalidateAllAsync(invalidations, method).ConfigureAwait(false);
        }
    }

    /// <summary>Synchronous form of <see cref="InvalidateAllAsync"/>.</summary>
    public static void InvalidateAll(object? instance, CacheMethod method, params CacheInvalidation[] invalidations)
        => InvalidateAllAsync(instance, method, invalidations).AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Ties <paramref name="instance"/>, created by a container, to that container's cache. The cache counts as live
    /// from then on even when the application registered it itself (then <c>AddCachingGen</c> did not build it).
    /// </summary>
    internal static void Bind(object instance, CachingGenCache cache)
    {
        Attach(cache);
        s_bindings.AddOrUpdate(instance, cache);
    }

    /// <summary>A container created <paramref name="cache"/>: while it is the only one, every unbound call uses it.</summary>
    internal static void Attach(CachingGenCache cache)
    {
        if (cache.IsDisposed || ReferenceEquals(s_sole, cache))
        {
            // Disposed, or already the one live cache (every instance a container builds comes through here).
            return;
        }

        int live;
        CachingGenCache? dropped;
        lock (s_gate)
        {
            if (s_live.Contains(cache))
            {
                return;
            }

            s_live.Add(cache);
            live = s_live.Count;

            // Values the embedded cache holds were loaded outside any container; from now on unbound calls use the
            // container's cache, and the embedded one is dropped rather than left to go stale (its meter with it; a
            // load still running on it finishes into a cache nobody reads).
            dropped = s_embedded;
            s_embedded = null;
            Recompute();
        }

        dropped?.Dispose();

        if (live > 1)
        {
            CacheLog.SeveralContainers(cache.Faults.Logger, live);
        }
    }

    /// <summary>The container disposed <paramref name="cache"/>.</summary>
    internal static void Detach(CachingGenCache cache)
    {
        lock (s_gate)
        {
            if (s_live.Remove(cache))
            {
                Recompute();
            }
        }
    }

    /// <summary>The embedded cache, if one was created (tests).</summary>
    internal static CachingGenCache? Embedded
    {
        get
        {
            lock (s_gate)
            {
                return s_embedded;
            }
        }
    }

    private static CachingGenCache? Resolve(object? instance)
    {
        if (instance is not null && s_bindings.TryGetValue(instance, out var bound) && !bound.IsDisposed)
        {
            return bound;
        }

        lock (s_gate)
        {
            switch (s_live.Count)
            {
                case 0:
                    if (s_embedded is null)
                    {
                        s_embedded = new CachingGenCache(new InProcessCacheStore());
                        Recompute();
                    }

                    return s_embedded;
                case 1:
                    return s_live[0];
                default:
                    return null;
            }
        }
    }

    private static void Recompute()
        => s_sole = s_live.Count switch
        {
            0 => s_embedded,
            1 => s_live[0],
            _ => null,
        };

    private static async ValueTask InvalidateEverywhereAsync(CacheMethod method, CacheInvalidation[] invalidations)
    {
        CachingGenCache[] targets;
        lock (s_gate)
        {
            targets = [.. s_live];
        }

        foreach (var cache in targets)
        {
            await cache.InvalidateAllAsync(invalidations, method).ConfigureAwait(false);
        }
    }
}
