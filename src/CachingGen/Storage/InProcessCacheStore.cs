using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace CachingGen.Storage;

/// <summary>
/// The embedded default store: a concurrent dictionary looked up by span (no key string on a hit), expiry
/// through <see cref="TimeProvider"/>, and a bound on the number of entries with least-recently-read eviction.
/// </summary>
public sealed class InProcessCacheStore : ICacheStore
{
    private readonly ConcurrentDictionary<string, CacheEntry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CacheEntry>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly TimeProvider _time;
    private readonly bool _systemClock;
    private readonly int _maxEntries;
    private readonly int _compactTo;
    private readonly Lock _compactionLock = new();
    private int _count;

    /// <summary>Creates a store with default options.</summary>
    public InProcessCacheStore()
        : this(new InProcessCacheStoreOptions())
    {
    }

    /// <summary>Creates a store with <paramref name="options"/>.</summary>
    public InProcessCacheStore(InProcessCacheStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _bySpan = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
        _time = options.TimeProvider;
        _systemClock = ReferenceEquals(_time, TimeProvider.System);
        _maxEntries = options.MaxEntries;
        _compactTo = Math.Max(0, (int)(_maxEntries * (1 - options.CompactionPercentage)));
    }

    /// <summary>Number of entries held, expired ones not yet dropped included.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <inheritdoc />
    public bool TryGet<T>(ReadOnlySpan<char> key, [NotNullWhen(true)] out CacheEntry<T>? entry)
    {
        if (_bySpan.TryGetValue(key, out var found) && found is CacheEntry<T> typed)
        {
            var now = NowMilliseconds();
            if (now < typed.ExpiresAt)
            {
                Touch(typed, now);
                entry = typed;
                return true;
            }

            // Past its TTL: a fail-safe copy stays until its window ends (only TryGetStale returns it).
            if (now >= typed.KeepUntil)
            {
                RemoveExact(key, found);
            }
        }

        entry = null;
        return false;
    }

    /// <summary>
    /// Serves <paramref name="candidate"/>, an entry this store returned earlier and someone kept (the hit-by-value memo), as
    /// <see cref="TryGet{T}"/> would serve it now: only while the store still holds it and its TTL has not run out.
    /// </summary>
    internal bool TryServe<T>(CacheEntry candidate, [NotNullWhen(true)] out CacheEntry<T>? entry)
    {
        if (candidate is CacheEntry<T> typed && !typed.Removed)
        {
            var now = NowMilliseconds();
            if (now < typed.ExpiresAt)
            {
                Touch(typed, now);
                entry = typed;
                return true;
            }
        }

        entry = null;
        return false;
    }

    /// <inheritdoc />
    public bool TryGetStale<T>(ReadOnlySpan<char> key, [NotNullWhen(true)] out CacheEntry<T>? entry)
    {
        if (_bySpan.TryGetValue(key, out var found) && found is CacheEntry<T> typed && NowMilliseconds() < typed.KeepUntil)
        {
            entry = typed;
            return true;
        }

        entry = null;
        return false;
    }

    /// <inheritdoc />
    public void Set<T>(string key, T value, TimeSpan ttl) => Set(key, value, ttl, TimeSpan.Zero, refreshAfter: null);

    /// <inheritdoc />
    public void Set<T>(string key, T value, TimeSpan ttl, TimeSpan keepStaleFor, TimeSpan? refreshAfter)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = NowMilliseconds();
        var expiresAt = now + Milliseconds(ttl);
        var keepUntil = keepStaleFor > TimeSpan.Zero ? expiresAt + Milliseconds(keepStaleFor) : expiresAt;
        var refreshAt = refreshAfter is { } after ? now + Math.Max(0, (long)after.TotalMilliseconds) : long.MaxValue;
        Add(key, new CacheEntry<T>(value, expiresAt, keepUntil, refreshAt) { LastAccess = now });
    }

    private void Add(string key, CacheEntry entry)
    {
        while (true)
        {
            if (_entries.TryAdd(key, entry))
            {
                if (Interlocked.Increment(ref _count) > _maxEntries)
                {
                    Compact();
                }

                return;
            }

            if (_entries.TryGetValue(key, out var existing))
            {
                // Marked before it leaves the map (see TryRemove): a failed update means it had left already.
                existing.MarkRemoved();
                if (_entries.TryUpdate(key, entry, existing))
                {
                    return;
                }
            }
        }
    }

    /// <inheritdoc />
    public bool Remove(ReadOnlySpan<char> key)
    {
        // A value written between the look-up and the removal is removed on the next round.
        while (_bySpan.TryGetValue(key, out var actualKey, out var current))
        {
            if (TryRemove(new KeyValuePair<string, CacheEntry>(actualKey, current)))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    /// <remarks>Walks every key: the cost grows with the store's size (bounded by <see cref="InProcessCacheStoreOptions.MaxEntries"/>).</remarks>
    public int RemoveByPrefix(ReadOnlySpan<char> prefix)
    {
        var removed = 0;
        foreach (var pair in _entries)
        {
            if (pair.Key.AsSpan().StartsWith(prefix, StringComparison.Ordinal) && TryRemove(pair))
            {
                removed++;
            }
        }

        return removed;
    }

    /// <inheritdoc />
    public void Clear()
    {
        foreach (var pair in _entries)
        {
            TryRemove(pair);
        }
    }

    private void RemoveExact(ReadOnlySpan<char> key, CacheEntry expected)
    {
        // Only the expired instance goes: a fresh value written meanwhile stays.
        if (_bySpan.TryGetValue(key, out var actualKey, out var current) && ReferenceEquals(current, expected))
        {
            TryRemove(new KeyValuePair<string, CacheEntry>(actualKey, expected));
        }
    }

    private void Compact()
    {
        // One compaction at a time; writers that find it running carry on (the bound is soft by a few entries).
        if (!_compactionLock.TryEnter())
        {
            return;
        }

        try
        {
            var now = NowMilliseconds();
            var live = new List<KeyValuePair<string, CacheEntry>>(Count);
            foreach (var pair in _entries)
            {
                if (now >= pair.Value.KeepUntil)
                {
                    TryRemove(pair);
                }
                else
                {
                    live.Add(pair);
                }
            }

            var excess = Count - _compactTo;
            if (excess <= 0)
            {
                return;
            }

            live.Sort(static (a, b) => a.Value.LastAccess.CompareTo(b.Value.LastAccess));
            for (var i = 0; i < live.Count && excess > 0; i++)
            {
                if (TryRemove(live[i]))
                {
                    excess--;
                }
            }
        }
        finally
        {
            _compactionLock.Exit();
        }
    }

    /// <summary>What a hit records on its entry: when it was last read (for eviction), and whether a reload is due.</summary>
    private static void Touch(CacheEntry entry, long now)
    {
        // Skip the write when unchanged: hot keys are read from many cores at once.
        if (entry.LastAccess != now)
        {
            entry.LastAccess = now;
        }

        if (now >= entry.RefreshAt)
        {
            entry.MarkRefreshDue();
        }
    }

    /// <summary>
    /// Takes <paramref name="pair"/> out of the map if its entry is still the one there, and counts it out. Every removal
    /// goes through here. The entry is marked first, so no reference kept outside the store (the hit-by-value memo) serves
    /// it: once an invalidation has returned, the entry it removed (or found already being removed) must not be served,
    /// and a removal that then fails means the entry had left the map already, so marking it early costs at most a miss.
    /// </summary>
    private bool TryRemove(KeyValuePair<string, CacheEntry> pair)
    {
        pair.Value.MarkRemoved();
        if (!_entries.TryRemove(pair))
        {
            return false;
        }

        Interlocked.Decrement(ref _count);
        return true;
    }

    private static long Milliseconds(TimeSpan span) => (long)Math.Ceiling(span.TotalMilliseconds);

    private long NowMilliseconds()
        => _systemClock ? Environment.TickCount64 : _time.GetUtcNow().ToUnixTimeMilliseconds();
}
