using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CachingGen.Distributed;
using CachingGen.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CachingGen.AspNetCore;

/// <summary>
/// The health of a <see cref="CachingGenCache"/>, level by level: the in-process store (entries), the distributed level
/// (connected, circuit breaker), the invalidations waiting to reach it, and the change feed when there is one (degraded
/// past its lag threshold or while reconnecting, unhealthy when its slot is gone or it failed). Register with
/// <c>services.AddHealthChecks().AddCachingGen()</c>.
/// </summary>
public sealed class CachingGenHealthCheck : IHealthCheck
{
    private readonly CachingGenCache _cache;
    private readonly CachingGenHealthCheckOptions _options;

    /// <summary>Checks <paramref name="cache"/> against <paramref name="options"/>' thresholds.</summary>
    public CachingGenHealthCheck(CachingGenCache cache, CachingGenHealthCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(options);
        _cache = cache;
        _options = options;
    }

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        if (_cache.Store is InProcessCacheStore store)
        {
            data["in_process_entries"] = store.Count;
        }

        var pending = _cache.PendingInvalidations;
        var problems = new List<string>();
        var status = HealthStatus.Healthy;
        if (_cache.Distributed is { } level)
        {
            data["pending_invalidations"] = pending;
            if (level is IDistributedLevelStatus state)
            {
                data["distributed_connected"] = state.IsConnected;
                data["distributed_circuit"] = state.IsCircuitOpen ? "open" : "closed";
                if (!state.IsConnected || state.IsCircuitOpen)
                {
                    status = Worse(status, _options.DistributedDownStatus);
                    problems.Add(state.IsCircuitOpen
                        ? "the distributed level's circuit breaker is open: answers come from the in-process level and the repository"
                        : "the distributed level is disconnected: answers come from the in-process level and the repository");
                }
            }

            if (pending >= _options.UnhealthyPendingInvalidations)
            {
                status = Worse(status, HealthStatus.Unhealthy);
                problems.Add($"{pending} invalidations could not reach the distributed level; other instances may serve the old values until they are replayed");
            }
            else if (pending >= _options.DegradedPendingInvalidations)
            {
                status = Worse(status, HealthStatus.Degraded);
                problems.Add($"{pending} invalidations wait to be replayed to the distributed level");
            }
        }

        if (_cache.ChangeFeed?.Status is { } feed)
        {
            data["feed_state"] = feed.State.ToString();
            data["feed_lag_bytes"] = feed.LagBytes;
            data["feed_lag_ms"] = feed.LagTime.TotalMilliseconds;
            if (feed.IsUnhealthy)
            {
                status = Worse(status, HealthStatus.Unhealthy);
                problems.Add(feed.Problem ?? "the change feed is not running: writes made elsewhere are not seen");
            }
            else if (feed.IsDegraded)
            {
                status = Worse(status, HealthStatus.Degraded);
                problems.Add(feed.Problem ?? $"the change feed is {feed.LagTime.TotalSeconds:0.###} s behind: reads may be stale for that long");
            }
        }

        var description = problems.Count == 0 ? "every cache level answers" : string.Join("; ", problems);
        return Task.FromResult(new HealthCheckResult(status, description, data: data));
    }

    private static HealthStatus Worse(HealthStatus a, HealthStatus b) => a < b ? a : b;
}
