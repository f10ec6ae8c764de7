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
    {
        if (_throttle.TryTake("remove", out var suppressed))
        {
            CacheLog.ManualRemoveFailed(logger, exception, key, HeldBack.Note(suppressed, "failure"));
        }
    }

    public void PendingOverflow(int limit)
    {
        if (_throttle.TryTake("pending-overflow", out var suppressed))
        {
            CacheLog.PendingOverflow(logger, limit, HeldBack.Note(suppressed, "message"));
        }
    }

    public void ReplayFailed(Exception exception, int pending)
    {
        if (_throttle.TryTake("replay", out var suppressed))
        {
            CacheLog.ReplayFailed(logger, exception, pending, HeldBack.Note(suppressed, "failure"));
        }
    }

    public void Backplane(Exception exception)
    {
        if (_throttle.TryTake("backplane", out var suppressed))
        {
            CacheLog.BackplaneFault(logger, exception, HeldBack.Note(suppressed, "failure"));
        }
    }
}
