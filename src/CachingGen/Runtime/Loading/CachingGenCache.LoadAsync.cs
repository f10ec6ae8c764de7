using System.Diagnostics.CodeAnalysis;
using CachingGen.Diagnostics;
using CachingGen.Distributed;
using CachingGen.Infrastructure;
using CachingGen.Internals.Diagnostics;
using CachingGen.Internals.Loading;

namespace CachingGen;

/// <summary>The asynchronous miss path: shared loads (one per key in this process), the distributed level, and completing the callers.</summary>
public sealed partial class CachingGenCache
{
    /// <summary>
    /// The miss path of an asynchronous cached method: joins a load of the same key already running, or asks
    /// the distributed level, or calls the repository; stores the result and returns it. <paramref name="load"/>
    /// receives a token cancelled only when every caller waiting for the load has cancelled.
    /// </summary>
    internal ValueTask<T> GetOrLoadAsync<T>(string key, CacheMethod method, Func<CancellationToken, ValueTask<T>> load, CancellationToken cancellationToken)
        => CacheTraces.Listening ? TracedGetOrLoadAsync(key, method, load, cancellationToken) : GetOrLoadCoreAsync(key, method, load, cancellationToken);

    /// <summary>The miss as a span, with the repository call and the distributed level's read nested in it.</summary>
    private async ValueTask<T> TracedGetOrLoadAsync<T>(string key, CacheMethod method, Func<CancellationToken, ValueTask<T>> load, CancellationToken cancellationToken)
    {
        using var activity = CacheTraces.Start(CachingGenTracing.MissSpan, method, key, _recordKeys);
        try
        {
            return await GetOrLoadCoreAsync(key, method, load, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            CacheTraces.Failed(activity, ex);
            throw;
        }
    }

    private async ValueTask<T> GetOrLoadCoreAsync<T>(string key, CacheMethod method, Func<CancellationToken, ValueTask<T>> load, CancellationToken cancellationToken)
    {
        // A caller that has already given up starts no repository call (a hit would still have been returned).
        cancellationToken.ThrowIfCancellationRequested();
        var counters = _counters.For(method);
        if (InTransaction)
        {
            // It may read the transaction's uncommitted writes: neither stored nor shared with readers outside it.
            counters.RecordMiss();
            CacheTraces.Outcome(TraceValues.Bypass, TraceValues.Repository);
            return await Load(counters, load, cancellationToken).ConfigureAwait(false);
        }

        if (method.Policy is { } policy)
        {
            // Fail-safe, timeouts, one load per cluster: their own path, so a method without policies runs the one below.
            return await GetOrLoadWithPolicyAsync(key, counters, policy, load, cancellationToken).ConfigureAwait(false);
        }

        for (var attempt = 0; ; attempt++)
        {
            var flight = new Flight<T>();
            var current = _flights.GetOrAdd(key, flight);
            if (current is not Flight<T> shared)
            {
                // Another result type under the same key (CG0016 reports this at compile time): no sharing.
                counters.RecordMiss();
                CacheTraces.Outcome(TraceValues.Bypass, TraceValues.Repository);
                return await Load(counters, load, cancellationToken).ConfigureAwait(false);
            }

            if (!ReferenceEquals(shared, flight))
            {
                // Counted once the wait ends: a caller whose joined load was abandoned retries, and is one miss, not two.
                try
                {
                    var value = await shared.WaitAsync(cancellationToken).ConfigureAwait(false);
                    counters.RecordMiss();
                    CacheTraces.Outcome(TraceValues.Joined, TraceValues.Repository);
                    return value;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && attempt == 0)
                {
                    // The load was abandoned by all its other callers just as this one joined: run a new one.
                    continue;
                }
                catch
                {
                    counters.RecordMiss();
                    throw;
                }
            }

            // This caller missed the store before the previous load of the key stored its value and left the table:
            // it may be there now. Without this look, concurrent misses could each call the repository.
            if (TryServeStored(key, flight, counters, out var stored))
            {
                return stored;
            }

            if (!cancellationToken.CanBeCanceled)
            {
                // The caller that started the load and cannot cancel takes its value straight from the load, on
                // the thread that finished it, rather than through the flight (one thread hop less per miss).
                flight.JoinWithoutCancellation();
                return await RunAsync(key, counters, load, flight, ownerAwaits: true).ConfigureAwait(false);
            }

            _ = RunAsync(key, counters, load, flight, ownerAwaits: false);
            return await flight.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs the load for every caller of <paramref name="flight"/>. When <paramref name="ownerAwaits"/>, the caller
    /// that started it also gets the value, or the error, from the returned task; otherwise the task never faults
    /// (the error reaches the callers through the flight) and nobody needs to observe it.
    /// </summary>
    private async Task<T> RunAsync<T>(string key, MethodCounters counters, Func<CancellationToken, ValueTask<T>> load, Flight<T> flight, bool ownerAwaits)
    {
        using var speculation = _distributed is not null && counters.Method.SpeculativeLoad ? CancellationTokenSource.CreateLinkedTokenSource(flight.LoadToken) : null;
        Task<T>? loading = null;
        try
        {
            var version = default(string);
            if (_distributed is not null)
            {
                // SpeculativeLoad: the distributed read is sent first (so its version predates the repository
                // read), then the repository call starts without waiting for it; a distributed hit cancels it and wins.
                DistributedEntry<T> entry;
                if (speculation is null)
                {
                    entry = await _distributed.ReadAsync<T>(key, counters).ConfigureAwait(false);
                }
                else
                {
                    // Consumed exactly once, by the await below; the repository call must start in between.
#pragma warning disable CA2012
                    var reading = _distributed.ReadAsync<T>(key, counters);
#pragma warning restore CA2012
                    loading = Load(counters, load, speculation.Token).AsTask();
                    entry = await reading.ConfigureAwait(false);
                }

                if (entry.Found)
                {
                    if (speculation is not null)
                    {
                        await speculation.CancelAsync().ConfigureAwait(false);
                        Observe(loading!);
                    }

                    CompleteWithDistributedHit(key, counters, flight, entry);
                    return entry.Value;
                }

                version = entry.Version;
            }

            if (loading is null && version is not null && counters.Method.Policy is { ClusterSingleLoad: true } policy && _distributed!.Level is IDistributedLoadLock locks)
            {
                var (stored, loaded, storedByHolder) = await LoadOnceInClusterAsync(key, counters, policy, locks, load, flight, version).ConfigureAwait(false);
                if (stored.Found)
                {
                    CompleteWithDistributedHit(key, counters, flight, stored);
                    return stored.Value;
                }

                counters.RecordMiss();
                CacheTraces.Outcome(TraceValues.Miss, TraceValues.Repository);
                if (storedByHolder)
                {
                    // This instance held the lock and stored the value in both levels before releasing it.
                    Finish(key, flight);
                    flight.Complete(loaded);
                }
                else
                {
                    CompleteWithLoad(key, counters, flight, loaded, version);
                }

                return loaded;
            }

            counters.RecordMiss();
            CacheTraces.Outcome(TraceValues.Miss, TraceValues.Repository);
            var value = loading is null
                ? await Load(counters, load, flight.LoadToken).ConfigureAwait(false)
                : await loading.ConfigureAwait(false);
            CompleteWithLoad(key, counters, flight, value, version);
            return value;
        }
        catch (Exception ex)
        {
            if (loading is not null)
            {
                Observe(loading);
            }

            Finish(key, flight);
            if (!ownerAwaits && FailSafeCopy<T>(key, counters, ex, report: false) is { } copy)
            {
                // Every caller of this load gets the copy, and each one counts it (see WaitForPolicyAsync).
                flight.CompleteStale(copy.Value, ex);
                return default!;
            }

            flight.Fail(ex);
            if (ownerAwaits)
            {
                throw;
            }

            return default!;
        }
    }

    private void CompleteWithDistributedHit<T>(string key, MethodCounters counters, Flight<T> flight, DistributedEntry<T> entry)
    {
        counters.RecordDistributedHit();
        CacheTraces.Outcome(TraceValues.DistributedHit, TraceValues.Distributed);
        StoreLocal(key, counters, entry.Value, entry.RemainingTtl, flight);
        Finish(key, flight);
        flight.Complete(entry.Value);
    }

    private void CompleteWithLoad<T>(string key, MethodCounters counters, Flight<T> flight, T value, string? version)
    {
        StoreResult(key, counters, value, version, flight);

        // Leave the table after storing: a caller arriving now either joins this flight or hits the store.
        Finish(key, flight);
        flight.Complete(value);
    }

    // The dropped speculative call may still fail (cancelled, or its own error): nobody waits for it.
    private static void Observe(Task task)
        => task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private void Finish(string key, Flight flight) => _flights.TryRemove(new KeyValuePair<string, Flight>(key, flight));

    /// <summary>
    /// For the owner of a new flight: the value a previous load stored just before it left the flight table, counted as
    /// a hit, handed to whoever joined this flight, and the flight ended; false when there is none and the owner loads.
    /// </summary>
    private bool TryServeStored<T>(string key, Flight<T> flight, MethodCounters counters, [MaybeNullWhen(false)] out T stored)
    {
        if (!TryGetStored(key, out stored))
        {
            return false;
        }

        counters.RecordHit();
        CacheTraces.Outcome(TraceValues.Hit, TraceValues.Memory);
        Finish(key, flight);
        flight.Complete(stored);
        return true;
    }
}
