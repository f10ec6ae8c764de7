namespace CachingGen.Storage;

/// <summary>Options of <see cref="InProcessCacheStore"/>.</summary>
public sealed class InProcessCacheStoreOptions
{
    /// <summary>
    /// Most entries kept. When a write goes past it, expired entries are dropped first, then the least
    /// recently read ones until <see cref="CompactionPercentage"/> of the limit is free. Default 100,000.
    /// </summary>
    public int MaxEntries { get; set; } = 100_000;

    /// <summary>Share of <see cref="MaxEntries"/> freed by one compaction, from 0.01 to 1. Default 0.1.</summary>
    public double CompactionPercentage { get; set; } = 0.1;

    /// <summary>Clock for expiry. Tests pass a fake one; default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal void Validate()
    {
        if (MaxEntries < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxEntries), MaxEntries, "MaxEntries must be at least 1.");
        }

        if (CompactionPercentage is < 0.01 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(CompactionPercentage), CompactionPercentage, "CompactionPercentage must be between 0.01 and 1.");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
    }
}
