using System;
using System.Threading;
using System.Threading.Tasks;
using CachingGen.Distributed;
using CachingGen.Infrastructure;
using CachingGen.Internals.Diagnostics;
using CachingGen.Internals.Loading;
using CachingGen.Storage;

namespace CachingGen;

/// <summary>
/// The resilience policies of <see cref="CachedAttribute"/>: fail-safe copies, soft and hard load timeouts, refresh-ahead,
/// jitter, a shorter local TTL, one load per cluster and conditional caching. Only methods whose descriptor carries a
/// <see cref="CachePolicy"/> come here; every other method keeps the path in <c>CachingGenCache.Load.cs</c>.
/// </summary>
public sealed partial class CachingGenCache
{
    private static readonly TimeSpan FirstClusterPoll = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestClusterPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>The miss path of a method with policies: <see cref="GetOrLoadAsync{T}"/>'s sharing, with fail-safe and timeouts.</summary>
    private async ValueTask<T> GetOrLoadWithPolicyAsync<T>(string key, MethodCounters counters, CachePolicy policy, Func<CancellationToken, ValueTask<T>> load, CancellationToken cancellationToken)
    {
        if (InBackoff<T>(key, counters) is { } backoff)
        {
            CacheTraces.Outcome("stale", "memory");
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
                if (TryGetStored<T>(key, out var stored))
                {
                    counters.RecordHit();
                    CacheTraces.Outcome("hit", "memory");
                    Finish(key, flight);
                    flight.Complete(stored);
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
                    CacheTraces.Outcome("joined", "repository");
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
                CacheTraces.Outcome("stale", "memory");
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
                CacheTraces.Outcome("stale", "memory");
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

    /// <summary>The value a caller of <paramref name="flight"/> returns; a fail-safe answer is counted and reported for each caller.</summary>
    private T Answer<T>(string key, MethodCounters counters, Flight<T> flight, T value)
    {
        if (flight.StaleBecause is { } failure)
        {
            _faults.Stale(counters, "failed", failure, key);
            CacheTraces.Outcome("stale", "memory");
        }

        return value;
    }

    /// <summary>
    /// The fail-safe copy when the key is in its back-off after a failure (or a hard timeout): answered without calling the
    /// repository, counted as a stale miss. Null otherwise, and always for a method without fail-safe.
    /// </summary>
    private CacheEntry<T>? InBackoff<T>(string key, MethodCounters counters)
    {
        if (counters.Method.Policy is not { } policy || policy.FailSafe <= TimeSpan.Zero
            || !TryGetFailSafe<T>(key, out var copy) || copy.RetryNotBefore <= _time.GetTimestamp())
        {
            return null;
        }

        counters.RecordMiss();
        _faults.Stale(counters, "is in its back-off after a failure", null, key);
        return copy;
    }

    /// <summary>
    /// After <paramref name="failure"/> of a load: the fail-safe copy to answer with, its back-off started; null (the error
    /// propagates) when the method has no fail-safe or no copy is left, an invalidation having removed it with the entry.
    /// </summary>
    private CacheEntry<T>? FailSafeCopy<T>(string key, MethodCounters counters, Exception failure, bool report = true)
    {
        if (counters.Method.Policy is not { } policy || policy.FailSafe <= TimeSpan.Zero || failure is OperationCanceledException
            || !TryGetFailSafe<T>(key, out var copy))
        {
            return null;
        }

        copy.RetryNotBefore = Later(policy.FailSafeBackoff);
        if (report)
        {
            _faults.Stale(counters, "failed", failure, key);
        }

        return copy;
    }

    /// <summary>The entry kept for <paramref name="key"/>, fresh or within its fail-safe window. A store fault is no copy.</summary>
    private bool TryGetFailSafe<T>(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CacheEntry<T>? copy)
    {
        copy = null;
        try
        {
            return _useLocal && _store.TryGetStale(key.AsSpan(), out copy);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The store's own faults are reported by the look-ups; here it only means there is no copy to fall back on.
            return false;
        }
    }

    /// <summary>
    /// Conditional caching and jitter: whether <paramref name="value"/> is stored at all (<see cref="CachePolicy.Unless"/>,
    /// <see cref="CachePolicy.TtlFrom"/>), and for how long. An exception from the application's rule is a counted, logged
    /// cache fault: the value is returned and not stored.
    /// </summary>
    private bool Admit<T>(string key, MethodCounters counters, CachePolicy policy, T value, ref TimeSpan ttl)
    {
        try
        {
            if (policy.Unless is Func<T, bool> unless && unless(value))
            {
                return false;
            }

            if (policy.TtlFrom is Func<T, TimeSpan> ttlFrom)
            {
                ttl = ttlFrom(value);
                if (ttl <= TimeSpan.Zero)
                {
                    return false;
                }
            }
        }
        catch (Exception ex)
        {
            _faults.Method(ex, counters, policy.Unless is not null ? "Unless rule" : "TtlFrom rule", key);
            return false;
        }

        if (policy.Jitter > TimeSpan.Zero)
        {
            ttl += TimeSpan.FromTicks(Random.Shared.NextInt64(policy.Jitter.Ticks + 1));
        }

        return true;
    }

    /// <summary>
    /// Stores an entry with <paramref name="remaining"/> left in the cache as a whole: at most the local TTL in process, kept
    /// for the fail-safe window after that, and due for refresh once the whole entry reaches the stated fraction of its TTL.
    /// </summary>
    private void SetWithPolicy<T>(string key, CacheMethod method, CachePolicy policy, T value, TimeSpan remaining, bool fresh)
    {
        var local = policy.LocalTtl > TimeSpan.Zero && policy.LocalTtl < remaining ? policy.LocalTtl : remaining;
        TimeSpan? refreshAfter = null;
        if (policy.RefreshAhead > 0)
        {
            // A fresh load has its whole lifetime left (its TtlFrom TTL, jitter included); a distributed hit has what is
            // left of a lifetime taken to be the attribute's TTL (the level does not keep the original).
            var whole = fresh || remaining > method.Ttl ? remaining : method.Ttl;
            var after = remaining - (whole * (1 - policy.RefreshAhead));
            if (after < local)
            {
                refreshAfter = after > TimeSpan.Zero ? after : TimeSpan.Zero;
            }
        }

        _store.Set(key, value, local, policy.FailSafe, refreshAfter);
    }

    /// <summary>
    /// A hit on an entry due for refresh: starts the one background reload the entry allows, unless a load of the key is
    /// already running. The reload runs apart from the caller's context (no ambient transaction, no caller's token).
    /// </summary>
    internal void RefreshAhead<T>(string key, CacheMethod method, CacheEntry<T> entry, Func<CancellationToken, ValueTask<T>> load)
    {
        if (InTransaction || !entry.TryClaimRefresh())
        {
            return;
        }

        var flight = new Flight<T>();
        if (!_flights.TryAdd(key, flight))
        {
            // A load of the key is running: it stores a fresh value.
            return;
        }

        var counters = _counters.For(method);
        counters.RecordRefresh();
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(() => RefreshAsync(key, counters, load, flight));
        }
    }

    private async Task RefreshAsync<T>(string key, MethodCounters counters, Func<CancellationToken, ValueTask<T>> load, Flight<T> flight)
    {
        try
        {
            string? version = null;
            if (_distributed is not null)
            {
                var entry = await _distributed.ReadAsync<T>(key, counters).ConfigureAwait(false);
                var policy = counters.Method.Policy!;
                if (entry.Found && entry.RemainingTtl > counters.Method.Ttl * (1 - policy.RefreshAhead))
                {
                    // Another instance refreshed it already: take its value instead of calling the repository again.
                    StoreLocal(key, counters, entry.Value, entry.RemainingTtl, flight);
                    Finish(key, flight);
                    flight.Complete(entry.Value);
                    return;
                }

                version = entry.Version;
            }

            var value = await Load(counters, load, flight.LoadToken).ConfigureAwait(false);
            CompleteWithLoad(key, counters, flight, value, version);
        }
        catch (Exception ex)
        {
            Finish(key, flight);
            flight.Fail(ex);

            // Observed here: misses that joined the reload get the error themselves; nobody else waits for it.
            _ = flight.Task.Exception;
            _faults.RefreshFailed(ex, counters, key);
        }
    }

    /// <summary>
    /// One load per key across instances: takes the key's lock in the distributed level and loads, storing the value there
    /// before releasing the lock; or, while another instance holds it, reads the level until that value appears. Loads here
    /// when the wait runs out or the level stops answering. Returns a distributed hit, or the loaded value and whether this
    /// instance, holding the lock, already stored it (or chose not to: <c>Unless</c>) in both levels.
    /// </summary>
    private async Task<(DistributedEntry<T> Stored, T Loaded, bool StoredByHolder)> LoadOnceInClusterAsync<T>(
        string key, MethodCounters counters, CachePolicy policy, IDistributedLoadLock locks, Func<CancellationToken, ValueTask<T>> load, Flight<T> flight, string version)
    {
        var deadline = Later(policy.ClusterLoadWait);
        var pause = FirstClusterPoll;
        while (true)
        {
            string? token;
            try
            {
                token = await locks.TryAcquireLoadLockAsync(key, policy.ClusterLoadWait).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _faults.Method(ex, counters, "cluster load lock", key);
                break;
            }

            if (token is not null)
            {
                return await LoadHoldingLockAsync(key, counters, locks, token, load, flight, version).ConfigureAwait(false);
            }

            var entry = await _distributed!.ReadAsync<T>(key, counters).ConfigureAwait(false);
            if (entry.Found)
            {
                return (entry, default!, false);
            }

            var left = _time.GetElapsedTime(_time.GetTimestamp(), deadline);
            if (entry.Version is null || left <= TimeSpan.Zero)
            {
                break;
            }

            await Task.Delay(pause < left ? pause : left, _time).ConfigureAwait(false);
            pause = pause * 2 < LongestClusterPoll ? pause * 2 : LongestClusterPoll;
        }

        return (default, await Load(counters, load, flight.LoadToken).ConfigureAwait(false), false);
    }

    private async Task<(DistributedEntry<T> Stored, T Loaded, bool StoredByHolder)> LoadHoldingLockAsync<T>(
        string key, MethodCounters counters, IDistributedLoadLock locks, string token, Func<CancellationToken, ValueTask<T>> load, Flight<T> flight, string version)
    {
        try
        {
            // The previous holder may have stored the value between this instance's read and its lock.
            var again = await _distributed!.ReadAsync<T>(key, counters).ConfigureAwait(false);
            if (again.Found)
            {
                return (again, default!, false);
            }

            var value = await Load(counters, load, flight.LoadToken).ConfigureAwait(false);
            var ttl = counters.Method.Ttl;
            if (!flight.IsStale && (value is not null || counters.Method.CacheNulls) && Admit(key, counters, counters.Method.Policy!, value, ref ttl))
            {
                // Stored before the lock is released, so the instances waiting read it; one TTL for both levels.
                await _distributed.WriteNowAsync(key, counters, value, ttl, again.Version ?? version).ConfigureAwait(false);
                StoreLocal(key, counters, value, ttl, flight, fresh: true);
            }

            return (default, value, true);
        }
        finally
        {
            try
            {
                await locks.ReleaseLoadLockAsync(key, token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // It expires by itself; until then the other instances wait for the value, then find it stored.
                _faults.Method(ex, counters, "cluster load unlock", key);
            }
        }
    }

    /// <summary>A policy duration as people write it: <c>300ms</c>, <c>2s</c>, <c>00:01:30</c>.</summary>
    private static string Describe(TimeSpan span)
        => span < TimeSpan.FromSeconds(1) ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0.###}ms")
            : span < TimeSpan.FromMinutes(1) && span.Ticks % TimeSpan.TicksPerSecond == 0 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{span.TotalSeconds:0}s")
            : span.ToString("c", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The cache clock's timestamp <paramref name="span"/> from now.</summary>
    private long Later(TimeSpan span) => _time.GetTimestamp() + (long)(span.TotalSeconds * _time.TimestampFrequency);
}
