using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CachingGen.Storage;

namespace CachingGen.Infrastructure;

/// <summary>
/// What generated decorators call on a <see cref="CachingGenCache"/>: the steps of cache-aside, each counted on the
/// method's counters in that cache. Kept off the cache's own surface so applications see only what they use.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CacheOperations
{
    /// <summary>
    /// Probes the in-process store; a hit is counted. A store fault is counted, logged and reported as a miss.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryGetLocal<T>(CachingGenCache cache, ReadOnlySpan<char> key, CacheMethod method, [NotNullWhen(true)] out CacheEntry<T>? entry)
        => cache.TryGetLocal(key, method, out entry);

    /// <summary>
    /// For a key that holds one integer value: a hit found by <paramref name="value"/> alone, with no key text built — the
    /// entry an earlier hit of the same value found, while the store still holds it and its TTL has not run out. Counted as
    /// a hit. False sends the caller to <see cref="TryGetLocal{T}(CachingGenCache, ReadOnlySpan{char}, CacheMethod, long, out CacheEntry{T}?)"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryGetLocalByValue<T>(CachingGenCache cache, CacheMethod method, long value, [NotNullWhen(true)] out CacheEntry<T>? entry)
        => cache.TryGetLocalByValue(method, value, 0, guid: false, out entry);

    /// <summary><see cref="TryGetLocalByValue{T}(CachingGenCache, CacheMethod, long, out CacheEntry{T}?)"/> for a key that holds two integer values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryGetLocalByValue<T>(CachingGenCache cache, CacheMethod method, long first, long second, [NotNullWhen(true)] out CacheEntry<T>? entry)
        => cache.TryGetLocalByValue(method, first, second, guid: false, out entry);

    /// <summary><see cref="TryGetLocalByValue{T}(CachingGenCache, CacheMethod, long, out CacheEntry{T}?)"/> for a key that holds one GUID.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryGetLocalByValue<T>(CachingGenCache cache, CacheMethod method, Guid value, [NotNullWhen(true)] out CacheEntry<T>? entry)
    {
        var halves = Halves(ref value);
        return cache.TryGetLocalByValue(method, halves[0], halves[1], guid: true, out entry);
    }

    /// <summary>
    /// <see cref="TryGetLocal{T}(CachingGenCache, ReadOnlySpan{char}, CacheMethod, out CacheEntry{T}?)"/> for a key that holds
    /// one integer value, <paramref name="value"/>: a hit is remembered under it for <see cref="TryGetLocalByValue{T}(CachingGenCache, CacheMethod, long, out CacheEntry{T}?)"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryGetLocal<T>(CachingGenCache cache, ReadOnlySpan<char> key, CacheMethod method, long value, [NotNullWhen(true)] out CacheEntry<T>? entry)
        => cache.TryGetLocal(key, method, value, 0, guid: false, out entry);

    /// <summary>The look-up by key that remembers a hit, for a key that holds two integer values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryGetLocal<T>(CachingGenCache cache, ReadOnlySpan<char> key, CacheMethod method, long first, long second, [NotNullWhen(true)] out CacheEntry<T>? entry)
        => cache.TryGetLocal(key, method, first, second, guid: false, out entry);

    /// <summary>The look-up by key that remembers a hit, for a key that holds one GUID.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryGetLocal<T>(CachingGenCache cache, ReadOnlySpan<char> key, CacheMethod method, Guid value, [NotNullWhen(true)] out CacheEntry<T>? entry)
    {
        var halves = Halves(ref value);
        return cache.TryGetLocal(key, method, halves[0], halves[1], guid: true, out entry);
    }

    /// <summary>
    /// <see cref="TryGetLocalByValue{T}(CachingGenCache, CacheMethod, long, out CacheEntry{T}?)"/> for a key that holds one
    /// string: the string is hashed and compared, but no key text is built. A null string takes the ordinary path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryGetLocalByValue<T>(CachingGenCache cache, CacheMethod method, string? value, [NotNullWhen(true)] out CacheEntry<T>? entry)
        => cache.TryGetLocalByValue(method, value, out entry);

    /// <summary>The look-up by key that remembers a hit, for a key that holds one string.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryGetLocal<T>(CachingGenCache cache, ReadOnlySpan<char> key, CacheMethod method, string? value, [NotNullWhen(true)] out CacheEntry<T>? entry)
        => cache.TryGetLocal(key, method, value, out entry);

    // A GUID's 16 bytes as two longs, as they lie in memory: one-to-one, which is all the memo needs.
    private static ReadOnlySpan<long> Halves(ref Guid value) => MemoryMarshal.Cast<Guid, long>(MemoryMarshal.CreateReadOnlySpan(ref value, 1));

    /// <summary>
    /// The miss path of an asynchronous cached method: joins a load of the same key already running, or asks the
    /// distributed level, or calls <paramref name="load"/>; stores the result for the method's TTL and returns it.
    /// An exception from <paramref name="load"/> propagates to every caller sharing the load, and nothing is stored.
    /// </summary>
    /// <remarks>
    /// <paramref name="load"/> receives a token cancelled only when every caller waiting for the load has
    /// cancelled: one caller giving up does not cancel the work the others wait for.
    /// </remarks>
    public static ValueTask<T> GetOrLoadAsync<T>(CachingGenCache cache, string key, CacheMethod method, Func<CancellationToken, ValueTask<T>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(load);
        return cache.GetOrLoadAsync(key, method, load, cancellationToken);
    }

    /// <summary>The miss path of a synchronous cached method (see <see cref="GetOrLoadAsync{T}"/>; no load sharing).</summary>
    public static T GetOrLoad<T>(CachingGenCache cache, string key, CacheMethod method, Func<T> load)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(load);
        return cache.GetOrLoad(key, method, load);
    }

    /// <summary>
    /// Refresh-ahead: called on a hit whose <paramref name="entry"/> is <see cref="CacheEntry.RefreshDue"/>. Starts the one
    /// background reload the entry allows through <paramref name="load"/> (on the thread pool, outside the caller's context)
    /// and returns at once; the caller returns the cached value. A failed reload is logged; the entry then lives out its TTL.
    /// </summary>
    public static void RefreshAhead<T>(CachingGenCache cache, string key, CacheMethod method, CacheEntry<T> entry, Func<CancellationToken, ValueTask<T>> load)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(load);
        cache.RefreshAhead(key, method, entry, load);
    }

    /// <summary>Synchronous form of <see cref="RefreshAhead{T}(CachingGenCache, string, CacheMethod, CacheEntry{T}, Func{CancellationToken, ValueTask{T}})"/>.</summary>
    public static void RefreshAhead<T>(CachingGenCache cache, string key, CacheMethod method, CacheEntry<T> entry, Func<T> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        RefreshAhead(cache, key, method, entry, _ => new ValueTask<T>(load()));
    }

    /// <summary>
    /// Removes <paramref name="key"/> from every level after an invalidating method succeeded, and makes any load
    /// of it still running discard its result. Never throws.
    /// </summary>
    public static ValueTask InvalidateAsync(CachingGenCache cache, string key, CacheMethod method)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(method);
        return cache.InvalidateAsync(key, isPrefix: false, method);
    }

    /// <summary>Synchronous form of <see cref="InvalidateAsync"/>.</summary>
    public static void Invalidate(CachingGenCache cache, string key, CacheMethod method)
    {
        // The distributed removal completes on the client's own threads, so waiting for it here cannot deadlock.
        InvalidateAsync(cache, key, method).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>
    /// Removes every key starting with <paramref name="prefix"/> from every level (a trailing <c>*</c> in an
    /// <c>[Invalidates]</c> template). In process this walks the store's keys.
    /// </summary>
    public static ValueTask InvalidatePrefixAsync(CachingGenCache cache, string prefix, CacheMethod method)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(method);
        return cache.InvalidateAsync(prefix, isPrefix: true, method);
    }

    /// <summary>
    /// Removes every key and prefix of one successful <c>[Invalidates]</c> call together: the distributed removals are
    /// sent at once (one round trip for all, not one each), and the call returns when none of the old values is left.
    /// Never throws.
    /// </summary>
    public static ValueTask InvalidateAllAsync(CachingGenCache cache, CacheMethod method, params CacheInvalidation[] invalidations)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(invalidations);
        return cache.InvalidateAllAsync(invalidations, method);
    }

    /// <summary>Synchronous form of <see cref="InvalidateAllAsync"/>.</summary>
    public static void InvalidateAll(CachingGenCache cache, CacheMethod method, params CacheInvalidation[] invalidations)
        => InvalidateAllAsync(cache, method, invalidations).AsTask().GetAwaiter().GetResult();

    /// <summary>Synchronous form of <see cref="InvalidatePrefixAsync"/>.</summary>
    public static void InvalidatePrefix(CachingGenCache cache, string prefix, CacheMethod method)
        => InvalidatePrefixAsync(cache, prefix, method).AsTask().GetAwaiter().GetResult();
}
