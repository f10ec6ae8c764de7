namespace CachingGen.Distributed;

/// <summary>What a read of the distributed level found; <c>default</c> means the level could not be asked.</summary>
/// <typeparam name="T">The cached type.</typeparam>
public readonly struct DistributedEntry<T>
{
    internal DistributedEntry(bool found, T value, TimeSpan remaining, string? version, Exception? fault = null)
    {
        Found = found;
        Value = value;
        RemainingTtl = remaining;
        Version = version;
        Fault = fault;
    }

    /// <summary>Whether a value was found.</summary>
    public bool Found { get; }

    /// <summary>The value (meaningful when <see cref="Found"/>).</summary>
    public T Value { get; }

    /// <summary>How long the entry has left to live.</summary>
    public TimeSpan RemainingTtl { get; }

    /// <summary>The key's invalidation version, to pass back to <see cref="IDistributedCacheLevel.SetAsync{T}"/>; null when unavailable.</summary>
    public string? Version { get; }

    /// <summary>Why a stored entry could not be used (corrupt, undeserializable); it was removed and this read is a miss.</summary>
    public Exception? Fault { get; }
}

/// <summary>Creates <see cref="DistributedEntry{T}"/> values.</summary>
public static class DistributedEntry
{
    /// <summary>The level could not be asked (down, circuit open): neither a hit nor a version to write with.</summary>
    public static DistributedEntry<T> Unavailable<T>() => default;

    /// <summary>A hit.</summary>
    public static DistributedEntry<T> Hit<T>(T value, TimeSpan remainingTtl, string version) => new(true, value, remainingTtl, version);

    /// <summary>A miss, with the version to write with.</summary>
    public static DistributedEntry<T> Miss<T>(string version) => new(false, default!, TimeSpan.Zero, version);

    /// <summary>A miss because the stored entry was unusable (and has been removed): counted and logged as a fault.</summary>
    public static DistributedEntry<T> Corrupt<T>(string version, Exception fault) => new(false, default!, TimeSpan.Zero, version, fault);
}
