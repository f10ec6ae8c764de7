using System;
using System.Diagnostics.CodeAnalysis;

namespace CachingGen.Storage;

/// <summary>
/// A synchronous, in-process cache store: the first level every generated decorator probes. Look-ups take
/// the key as a span so that a hit needs no key string.
/// </summary>
/// <remarks>
/// Implementations must be thread-safe. Exceptions they throw never reach the application: the caller
/// counts them as cache errors and falls through to the repository.
/// </remarks>
public interface ICacheStore
{
    /// <summary>Finds an unexpired entry holding a <typeparamref name="T"/>. An entry of another type is a miss.</summary>
    bool TryGet<T>(ReadOnlySpan<char> key, [NotNullWhen(true)] out CacheEntry<T>? entry);

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/> for <paramref name="ttl"/>, replacing any entry.</summary>
    void Set<T>(string key, T value, TimeSpan ttl);

    /// <summary>Removes the entry with exactly this key. Returns whether one was removed.</summary>
    bool Remove(ReadOnlySpan<char> key);

    /// <summary>Removes every entry whose key starts with <paramref name="prefix"/>. Returns how many were removed.</summary>
    int RemoveByPrefix(ReadOnlySpan<char> prefix);

    /// <summary>Removes every entry.</summary>
    void Clear();
}
