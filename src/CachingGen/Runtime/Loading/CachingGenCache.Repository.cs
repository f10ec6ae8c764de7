using System.Diagnostics;
using CachingGen.Diagnostics;
using CachingGen.Internals.Diagnostics;

namespace CachingGen;

/// <summary>Calling the repository: timed for the statistics and the load histogram, traced as a span when someone listens.</summary>
public sealed partial class CachingGenCache
{
    /// <summary>
    /// Calls the repository through <paramref name="load"/>, timed for the method's statistics and
    /// <see cref="CachingGenMetrics.LoadDurationInstrument"/>; with a listener, as a span (<see cref="CachingGenTracing.LoadSpan"/>).
    /// </summary>
    private async ValueTask<T> Load<T>(MethodCounters counters, Func<CancellationToken, ValueTask<T>> load, CancellationToken token)
    {
        var started = Stopwatch.GetTimestamp();
        using var span = CacheTraces.Start(CachingGenTracing.LoadSpan, counters.Method, null, recordKey: false);
        try
        {
            var value = await load(token).ConfigureAwait(false);
            Loaded(counters, started, succeeded: true);
            return value;
        }
        catch (Exception ex)
        {
            Loaded(counters, started, succeeded: false);
            CacheTraces.Failed(span, ex);
            throw;
        }
    }

    /// <summary>
    /// The synchronous form of <see cref="Load{T}(MethodCounters, Func{CancellationToken, ValueTask{T}}, CancellationToken)"/>:
    /// the same timing and span around a call that has returned before the asynchronous form awaits it, so that form
    /// completes synchronously (its result, or the repository's exception, rethrown as thrown).
    /// </summary>
    private T Load<T>(MethodCounters counters, Func<T> load)
    {
        var completed = Load(counters, _ => new ValueTask<T>(load()), CancellationToken.None);
        Debug.Assert(completed.IsCompleted, "A synchronous load completes before it returns.");
        return completed.GetAwaiter().GetResult();
    }

    private void Loaded(MethodCounters counters, long started, bool succeeded)
    {
        counters.RecordLoad(Stopwatch.GetTimestamp() - started);
        _instruments.Load(counters.Method, started, succeeded);
    }
}
