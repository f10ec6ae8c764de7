using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CachingGen.AspNetCore;

/// <summary>When CachingGen's health check reports degraded or unhealthy.</summary>
public sealed class CachingGenHealthCheckOptions
{
    /// <summary>
    /// Pending distributed invalidations (removals Redis missed, waiting to be replayed) from which the cache is degraded:
    /// other instances may serve the old values meanwhile. Default 1.
    /// </summary>
    public int DegradedPendingInvalidations { get; set; } = 1;

    /// <summary>Pending distributed invalidations from which the cache is unhealthy. Default 1,000.</summary>
    public int UnhealthyPendingInvalidations { get; set; } = 1000;

    /// <summary>
    /// What a disconnected distributed level, or an open circuit breaker, makes the cache. Default
    /// <see cref="HealthStatus.Degraded"/>: the cache still answers from its in-process level and the repository.
    /// </summary>
    public HealthStatus DistributedDownStatus { get; set; } = HealthStatus.Degraded;
}
