namespace CachingGen.Distributed;

/// <summary>Which cache levels serve look-ups when a distributed level is configured.</summary>
public enum CacheLevels
{
    /// <summary>The in-process store in front of the distributed level (the default): hits cost no network.</summary>
    Both = 0,

    /// <summary>Only the distributed level: every look-up is a network call, and no instance can serve a stale copy.</summary>
    DistributedOnly = 1,

    /// <summary>Only the in-process store; the distributed level is not used.</summary>
    LocalOnly = 2,
}
