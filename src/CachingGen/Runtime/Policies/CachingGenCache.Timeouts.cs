using System.Diagnostics.CodeAnalysis;
using CachingGen.Infrastructure;
using CachingGen.Internals.Diagnostics;
using CachingGen.Internals.Loading;

namespace CachingGen;

/// <summary>
/// Soft and hard load timeouts: the miss path of a method with policies (<see cref="CachePolicy"/>) and the wait that can end
/// before its load does. Every other method keeps the path in <c>Loading/CachingGenCache.LoadAsync.cs</c>.
/// </summary>
public sealed partial class CachingGenCache
{
    /// <summary>The miss path of a method with policies: <see cref="GetOrLoadAsync{T}"/>'s sharing, with fail-safe and timeouts.</summary>
    private async ValueTask<T> GetOrLoadWithPolicyAsync<T>(string key, MethodCounters counters, CachePolicy policy, Func<CancellationToken, ValueTask<T>> load, CancellationToken cancellationToken)
    {
        if (InBackoff<T>(key, counters) is { } backoff)
        {
            CacheTraces.Outcome(TraceValues.Stale, TraceValues.Memory);
            return backoff.Value;
        }

        for (var attempt = 0; ; attempt++)
        {
            var flight = new Flight<T>();
            var current = _flights.GetOrAdd(key, flight);
            if (current is not Flight<T> shared)
            {
                counters.RecordMiss();
                return await Load(counters, load, cancellationToken).ConfigureAwait(false);
            }

            var owner = ReferenceEquals(shared, flight);
            if (owner)
            {
                if (TryServeStored(key, flight, counters, out var stored))
                {
                    return stored;
                }

                // Counted as a miss by the load itself; the caller only waits, so its timeouts can end the wait.
                _ = RunAsync(key, counters, load, flight, ownerAwaits: false);
            }

            try
            {
                var value = await WaitForPolicyAsync(key, counters, policy, shared, cancellationToken).ConfigureAwait(false);
                if (!owner)
                {
                    counters.RecordMiss();
                    CacheTraces.Outcome(TraceValues.Joined, TraceValues.Repository);
                }

                return value;
            }
            catch (OperationCanceledException) when (!owner && !cancellationToken.IsCancellationRequested && attempt == 0)
            {
                // The load was abandoned by all its other callers just as this one joined: run a new one.
                continue;
            }
            catch when (!owner)
            {
                counters.RecordMiss();
                throw;
            }
        }
    }

    /// <summary>
    /// Waits for <paramref name="flight"/>'s value. After the soft timeout a caller gets the fail-safe copy when there is
    /// one; after the hard timeout it gets the copy or a <see cref="TimeoutException"/>. Either way the load goes on and
    /// stores its result for the next caller (unless the key was invalidated meanwhile).
    /// </summary>
    private async ValueTask<T> WaitForPolicyAsync<T>(string key, MethodCounters counters, CachePolicy policy, Flight<T> flight, CancellationToken cancellationToken)
    {
        var soft = policy.SoftTimeout;
        var hard = policy.HardTimeout;
        if (soft <= TimeSpan.Zero && hard <= TimeSpan.Zero)
        {
            return Answer(key, counters, flight, await flight.WaitAsync(cancellationToken).ConfigureAwait(false));
        }

        var started = _time.GetTimestamp();
        var waiting = flight.WaitAsync(cancellationToken).AsTask();
        if (soft > TimeSpan.Zero)
        {
            if (await Within(waiting, soft).ConfigureAwait(false))
            {
                return Answer(key, counters, flight, await waiting.ConfigureAwait(false));
            }

            if (Finished(key, waiting, out var done))
            {
                return Answer(key, counters, flight, done);
            }

            if (TryGetFailSafe<T>(key, out var copy))
            {
                _faults.Stale(counters, $"took longer than its soft timeout ({Describe(soft)})", null, key);
                CacheTraces.Outcome(TraceValues.Stale, TraceValues.Memory);
                return copy.Value;
            }
        }

        if (hard > TimeSpan.Zero)
        {
            // Measured from the start of the wait, not from the soft timeout's end (its continuation may run late).
            var left = hard - _time.GetElapsedTime(started);
            if (waiting.IsCompleted || (left > TimeSpan.Zero && await Within(waiting, left).ConfigureAwait(false)))
            {
                return Answer(key, counters, flight, await waiting.ConfigureAwait(false));
            }

            if (Finished(key, waiting, out var done))
            {
                return Answer(key, counters, flight, done);
            }

            if (TryGetFailSafe<T>(key, out var copy))
            {
                // As after a failure: the next callers get the copy at once until the back-off ends, not after a wait each.
                copy.RetryNotBefore = Later(policy.FailSafeBackoff);
                _faults.Stale(counters, $"took longer than its hard timeout ({Describe(hard)})", null, key);
                CacheTraces.Outcome(TraceValues.Stale, TraceValues.Memory);
                return copy.Value;
            }

            throw new TimeoutException($"CachingGen: {counters.Method.Method} did not answer within its hard timeout ({Describe(hard)}) and has no fail-safe copy of key '{key}'. The load goes on in the background and stores its result.");
        }

        return Answer(key, counters, flight, await waiting.ConfigureAwait(false));
    }

    /// <summary>Whether <paramref name="task"/> ends within <paramref name="timeout"/> on the cache's clock (its outcome is not observed here).</summary>
    private async Task<bool> Within(Task task, TimeSpan timeout)
    {
        if (!task.IsCompleted)
        {
            try
            {
                await task.WaitAsync(timeout, _time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return false;
            }
            catch
            {
                // Ended with its own error: the caller awaits it and gets that error.
            }
        }

        return true;
    }

    /// <summary>
    /// Whether the load answered after all (its continuation and the timeout's raced), or stored a fresh value meanwhile:
    /// then the caller gets that, not the fail-safe copy. A load that failed is left to the timeout's handling.
    /// </summary>
    private bool Finished<T>(string key, Task<T> waiting, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T value)
    {
        if (waiting.IsCompletedSuccessfully)
        {
            value = waiting.Result;
            return true;
        }

        return TryGetStored(key, out value);
    }

    /// <summary>A policy duration as people write it: <c>300ms</c>, <c>2s</c>, <c>00:01:30</c>.</summary>
    private static string Describe(TimeSpan span)
        => span < TimeSpan.FromSeconds(1) ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0.###}ms")
            : span < TimeSpan.FromMinutes(1) && span.Ticks % TimeSpan.TicksPerSecond == 0 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{span.TotalSeconds:0}s")
            : span.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
}
