using Microsoft.Extensions.Logging;

namespace CachingGen.Internals.Diagnostics;

/// <summary>
/// Where the cache reports the faults it hides from callers: counted on the method, logged through one
/// <see cref="LogThrottle"/> (one line per kind every <see cref="Interval"/>, with the number held back).
/// </summary>
internal sealed class FaultReporter(ILogger logger, TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly LogThrottle _throttle = new(Interval, time);

    // Apart from faults: a method both failing over to its fail-safe copy and hitting store faults logs both.
    private readonly LogThrottle _policyThrottle = new(Interval, time);
    private readonly LogThrottle _refreshThrottle = new(Interval, time);

    public ILogger Logger => logger;

    /// <summary>A cache operation for <paramref name="counters"/>' method failed; the caller went on without the cache.</summary>
    public void Method(Exception exception, MethodCounters counters, string operation, string key)
    {
        counters.RecordError();
        if (_throttle.TryTake(counters.Method.Method, out var suppressed))
        {
            CacheLog.StoreFault(logger, exception, operation, counters.Method.Method, key, HeldBack.Note(suppressed, "fault"));
        }
    }

    /// <summary>A caller got <paramref name="counters"/>' fail-safe copy; logged once per method per interval.</summary>
    public void Stale(MethodCounters counters, string reason, Exception? exception, string key)
    {
        counters.RecordStale();
        if (_policyThrottle.TryTake(counters.Method.Method, out var suppressed))
        {
            CacheLog.ServedStale(logger, exception, counters.Method.Method, reason, key, HeldBack.Note(suppressed, "answer"));
        }
    }

    /// <summary>A refresh-ahead reload failed; the entry it was refreshing is served until its TTL.</summary>
    public void RefreshFailed(Exception exception, MethodCounters counters, string key)
    {
        if (_refreshThrottle.TryTake(counters.Method.Method, out var suppressed))
        {
            CacheLog.RefreshFailed(logger, exception, counters.Method.Method, key, HeldBack.Note(suppressed, "failure"));
        }
    }

    public void ManualRemove(Exception exception, string key)
        => Throttled("remove", "failure", (exception, key), static (logger, s, heldBack) => CacheLog.ManualRemoveFailed(logger, s.exception, s.key, heldBack));

    public void PendingOverflow(int limit)
        => Throttled("pending-overflow", "message", limit, static (logger, limit, heldBack) => CacheLog.PendingOverflow(logger, limit, heldBack));

    public void ReplayFailed(Exception exception, int pending)
        => Throttled("replay", "failure", (exception, pending), static (logger, s, heldBack) => CacheLog.ReplayFailed(logger, s.exception, s.pending, heldBack));

    public void Backplane(Exception exception)
        => Throttled("backplane", "failure", exception, static (logger, exception, heldBack) => CacheLog.BackplaneFault(logger, exception, heldBack));

    /// <summary>
    /// Logs a fault of <paramref name="kind"/> through the shared throttle: at most one line per interval, saying how many
    /// <paramref name="heldBackNoun"/>s were held back. The state and a static lambda keep the throttled-out calls free of allocations.
    /// </summary>
    private void Throttled<TState>(string kind, string heldBackNoun, TState state, Action<ILogger, TState, string> log)
    {
        if (_throttle.TryTake(kind, out var suppressed))
        {
            log(logger, state, HeldBack.Note(suppressed, heldBackNoun));
        }
    }
}
