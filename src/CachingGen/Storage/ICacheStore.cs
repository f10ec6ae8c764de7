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

    /// <summary>
    /// Stores <paramref name="value"/> served for <paramref name="ttl"/>, then kept <paramref name="keepStaleFor"/> longer
    /// as a fail-safe copy that only <see cref="TryGetStale{T}"/> returns, and due for a background reload after
    /// <paramref name="refreshAfter"/> (<see langword="null"/>: never): a read past that time calls
    /// <see cref="CacheEntry.MarkRefreshDue"/>. A store that does not implement it stores the value for
    /// <paramref name="ttl"/> only: fail-safe and refresh-ahead then never apply, and nothing stale is ever served.
    /// </summary>
    void Set<T>(string key, T value, TimeSpan ttl, TimeSpan keepStaleFor, TimeSpan? refreshAfter) => Set(key, value, ttl);

    /// <summary>
    /// Finds an entry still kept, fresh or past its TTL within its fail-safe window (see
    /// <see cref="Set{T}(string, T, TimeSpan, TimeSpan, TimeSpan?)"/>). Never removes anything.
    /// </summary>
    bool TryGetStale<T>(ReadOnlySpan<char> key, [NotNullWhen(true)] out CacheEntry<T>? entry)
    {
        entry = null;
        return false;
    }

    /// <summary>Removes the entry with exactly this key. Returns whether one was removed.</summary>
    bool Remove(ReadOnlySpan<char> key);

    /// <summary>Removes every entry whose key starts with <paramref name="prefix"/>. Returns how many were removed.</summary>
    int RemoveByPrefix(ReadOnlySpan<char> prefix);

    /// <summary>Removes every entry.</summary>
    void Clear();
}
