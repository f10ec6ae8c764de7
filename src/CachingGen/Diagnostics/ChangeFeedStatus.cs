namespace CachingGen.Diagnostics;

/// <summary>One reading of an <see cref="IChangeFeed"/>, for the health check, the statistics and the operations page.</summary>
/// <param name="State">Where the feed is: starting, live, standing by while another instance consumes, reconnecting, or failed.</param>
/// <param name="LagBytes">WAL the feed has not confirmed yet (server position minus the slot's confirmed position); -1 when unknown.</param>
/// <param name="LagTime">Commit to applied for the last transaction the feed applied (0 when nothing waits); the bound a read's freshness has.</param>
/// <param name="Tables">Per table: the row changes seen and the keys or prefixes they invalidated.</param>
/// <param name="Problem">What is wrong, in words an operator can act on; null when nothing is.</param>
public sealed record ChangeFeedStatus(
    ChangeFeedState State,
    long LagBytes,
    TimeSpan LagTime,
    IReadOnlyDictionary<string, ChangeFeedTableCounts> Tables,
    string? Problem)
{
    /// <summary>Whether this instance consumes the feed (holds the slot); the others receive its invalidations through the backplane.</summary>
    public bool IsConsumer { get; init; }

    /// <summary>Past the degraded lag threshold, or reconnecting: reads may be stale for longer than the bound says.</summary>
    public bool IsDegraded { get; init; }

    /// <summary>The slot is gone or the feed failed: writes from elsewhere are not seen until it recovers.</summary>
    public bool IsUnhealthy { get; init; }
}

/// <summary>The state of a change feed.</summary>
public enum ChangeFeedState
{
    /// <summary>Setting up the publication and the slot, or catching up with changes committed while it was down.</summary>
    Starting,

    /// <summary>Consuming: every committed change is applied within the lag.</summary>
    Live,

    /// <summary>Another instance consumes the slot; its invalidations arrive through the backplane. This one takes over when it stops.</summary>
    Standby,

    /// <summary>The connection dropped; the slot keeps the changes, and they are applied when it reconnects.</summary>
    Reconnecting,

    /// <summary>The feed cannot run (a missing permission, a setting); the problem says what to do.</summary>
    Failed,
}

/// <summary>What a change feed did for one table.</summary>
/// <param name="Changes">Row changes (an insert, update or delete is one; a truncate is one).</param>
/// <param name="Invalidations">Keys and prefixes removed for them.</param>
public readonly record struct ChangeFeedTableCounts(long Changes, long Invalidations);
