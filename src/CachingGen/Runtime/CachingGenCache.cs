using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;
using CachingGen.Diagnostics;
using CachingGen.Distributed;
using CachingGen.Runtime;
using CachingGen.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CachingGen;

/// <summary>
/// The cache behind every generated decorator: the in-process store, optionally in front of a distributed
/// level (Redis). It never lets a cache fault reach the caller: a failing look-up is a miss, a failing write
/// or removal is counted, logged and the call goes on.
/// </summary>
/// <remarks>
/// On a miss, concurrent callers of one key share one repository call (stampede protection). A load that was
/// running when its key was invalidated returns its result but does not store it, so a write that completed
/// is never undone by a slower read. Inject the cache to remove keys by hand (see the generated
/// <c>*CacheKeys</c> classes).
/// </remarks>
public sealed partial class CachingGenCache
{
    private const long ErrorLogIntervalMilliseconds = 10_000;
    private const int MaxPendingInvalidations = 10_000;

    private readonly ICacheStore _store;
    private readonly bool _useLocal;
    private readonly IDistributedCacheLevel? _distributed;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Flight> _flights = new(StringComparer.Ordinal);
    private readonly DistributedWriteQueue _writes = new();

    // Distributed invalidations that failed (the level was down): replayed when it answers again, and until
    // then a distributed read of an affected key is treated as a miss, so no stale value comes back.
    private readonly ConcurrentDictionary<string, bool> _pendingInvalidations = new(StringComparer.Ordinal);
    private int _replaying;
    private long _lastBackplaneLog = long.MinValue;

    /// <summary>Creates a cache over the in-process <paramref name="store"/> only.</summary>
    public CachingGenCache(ICacheStore store, ILogger<CachingGenCache>? logger = null)
        : this(store, distributed: null, CacheLevels.LocalOnly, logger)
    {
    }

    /// <summary>Creates a cache over <paramref name="store"/> and, unless <paramref name="levels"/> says otherwise, <paramref name="distributed"/>.</summary>
    public CachingGenCache(ICacheStore store, IDistributedCacheLevel? distributed, CacheLevels levels, ILogger<CachingGenCache>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _distributed = levels == CacheLevels.LocalOnly ? null : distributed;
        _useLocal = levels != CacheLevels.DistributedOnly || _distributed is null;
        _distributed?.Subscribe(new Listener(this));
    }

    /// <summary>The in-process store.</summary>
    public ICacheStore Store => _store;

    /// <summary>The distributed level, when one is in use.</summary>
    public IDistributedCacheLevel? Distributed => _distributed;

    /// <summary>Distributed invalidations waiting to be replayed because the distributed level was unavailable.</summary>
    public int PendingInvalidations => _pendingInvalidations.Count;

    /// <summary>
    /// Probes the in-process store. A store fault is counted on <paramref name="method"/>, logged, and
    /// reported as a miss. Called by generated code on every look-up; it does not count hits.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public bool TryGetLocal<T>(ReadOnlySpan<char> key, CacheMethod method, [NotNullWhen(true)] out CacheEntry<T>? entry)
    {
        entry = null;
        if (!_useLocal)
        {
            return false;
        }

        try
        {
            return _store.TryGet(key, out entry);
        }
        catch (Exception ex)
        {
            OnFault(ex, method, "read", key.ToString());
            return false;
        }
    }

    /// <summary>
    /// The miss path of an asynchronous cached method: joins a load of the same key already running, or
    /// asks the distributed level, or calls the repository; stores the result for the method's TTL and
    /// returns it. An exception from <paramref name="load"/> propagates to every caller sharing the load, and
    /// nothing is stored.
    /// </summary>
    /// <remarks>
    /// <paramref name="load"/> receives a token cancelled only when every caller waiting for the load has
    /// cancelled: one caller giving up does not cancel the work the others wait for.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public async ValueTask<T> GetOrLoadAsync<T>(string key, CacheMethod method, Func<CancellationToken, ValueTask<T>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(load);
        for (var attempt = 0; ; attempt++)
        {
            var flight = new Flight<T>();
            var current = _flights.GetOrAdd(key, flight);
            if (current is not Flight<T> shared)
            {
                // Another result type under the same key (CG0016 reports this at compile time): no sharing.
                method.RecordMiss();
                return await load(cancellationToken).ConfigureAwait(false);
            }

            if (!ReferenceEquals(shared, flight))
            {
                method.RecordMiss();
                try
                {
                    return await shared.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && attempt == 0)
                {
                    // The load was abandoned by all its other callers just as this one joined: run a new one.
                    continue;
                }
            }

            if (!cancellationToken.CanBeCanceled)
            {
                // The caller that started the load and cannot cancel takes its value straight from the load, on
                // the thread that finished it, rather than through the flight (one thread hop less per miss).
                flight.JoinWithoutCancellation();
                return await RunAsync(key, method, load, flight, ownerAwaits: true).ConfigureAwait(false);
            }

            _ = RunAsync(key, method, load, flight, ownerAwaits: false);
            return await flight.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The miss path of a synchronous cached method (see <see cref="GetOrLoadAsync{T}"/>; no load sharing).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public T GetOrLoad<T>(string key, CacheMethod method, Func<T> load)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(load);
        var version = default(string);
        if (_distributed is not null)
        {
            var entry = ReadDistributed(key, method, static (level, k) => level.TryGet<T>(k));
            if (entry.Found)
            {
                method.RecordDistributedHit();
                StoreLocal(key, method, entry.Value, entry.RemainingTtl);
                return entry.Value;
            }

            version = entry.Version;
        }

        // A stale marker for a synchronous load: invalidations while it runs are seen through the flight table.
        var flight = new SyncFlight();
        var tracked = _flights.TryAdd(key, flight);
        try
        {
            method.RecordMiss();
            var value = load();
            if (!flight.IsStale)
            {
                StoreResult(key, method, value, version);
            }

            return value;
        }
        finally
        {
            if (tracked)
            {
                _flights.TryRemove(new KeyValuePair<string, Flight>(key, flight));
            }
        }
    }

    /// <summary>
    /// Removes <paramref name="key"/> from every level after an invalidating method succeeded, and makes any
    /// load of it still running discard its result. Never throws: a fault is counted on
    /// <paramref name="method"/> and logged, and a failed distributed removal is replayed later.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ValueTask InvalidateAsync(string key, CacheMethod method)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(method);
        return InvalidateCoreAsync(key, isPrefix: false, method);
    }

    /// <summary>Synchronous form of <see cref="InvalidateAsync(string, CacheMethod)"/>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void Invalidate(string key, CacheMethod method)
    {
        // The distributed removal completes on the client's own threads, so waiting for it here cannot deadlock.
        InvalidateAsync(key, method).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>
    /// Removes every key starting with <paramref name="prefix"/> from every level (a trailing <c>*</c> in an
    /// <c>[Invalidates]</c> template). In process this walks the store's keys; see the distributed level for its cost.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ValueTask InvalidatePrefixAsync(string prefix, CacheMethod method)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(method);
        return InvalidateCoreAsync(prefix, isPrefix: true, method);
    }

    /// <summary>Synchronous form of <see cref="InvalidatePrefixAsync(string, CacheMethod)"/>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void InvalidatePrefix(string prefix, CacheMethod method)
        => InvalidatePrefixAsync(prefix, method).AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Removes a key built by hand, for example with a generated <c>*CacheKeys</c> builder, from every level.
    /// Faults are logged, not thrown.
    /// </summary>
    public async ValueTask RemoveAsync(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        MarkFlightsStale(key, isPrefix: false);
        try
        {
            _store.Remove(key);
            if (_distributed is not null)
            {
                await _distributed.InvalidateAsync(key).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            LogManualRemoveFailed(_logger, ex, key);
            RememberPendingInvalidation(key, isPrefix: false);
        }
    }

    private async ValueTask InvalidateCoreAsync(string keyOrPrefix, bool isPrefix, CacheMethod method)
    {
        InvalidateLocal(keyOrPrefix, isPrefix, method);
        if (_distributed is not null)
        {
            await InvalidateDistributedAsync(keyOrPrefix, isPrefix, method).ConfigureAwait(false);
        }

        method.RecordInvalidation();
    }

    /// <summary>
    /// Runs the load for every caller of <paramref name="flight"/>. When <paramref name="ownerAwaits"/>, the caller
    /// that started it also gets the value, or the error, from the returned task; otherwise the task never faults
    /// (the error reaches the callers through the flight) and nobody needs to observe it.
    /// </summary>
    private async Task<T> RunAsync<T>(string key, CacheMethod method, Func<CancellationToken, ValueTask<T>> load, Flight<T> flight, bool ownerAwaits)
    {
        if (_distributed is not null && method.SpeculativeLoad)
        {
            return await RunSpeculativeAsync(key, method, load, flight, ownerAwaits).ConfigureAwait(false);
        }

        try
        {
            var version = default(string);
            if (_distributed is not null)
            {
                var entry = await ReadDistributedAsync<T>(key, method).ConfigureAwait(false);
                if (entry.Found)
                {
                    CompleteWithDistributedHit(key, method, flight, entry);
                    return entry.Value;
                }

                version = entry.Version;
            }

            method.RecordMiss();
            var value = await load(flight.LoadToken).ConfigureAwait(false);
            CompleteWithLoad(key, method, flight, value, version);
            return value;
        }
        catch (Exception ex)
        {
            Finish(key, flight);
            flight.Fail(ex);
            if (ownerAwaits)
            {
                throw;
            }

            return default!;
        }
    }

    /// <summary>
    /// The miss path of a <see cref="CachedAttribute.SpeculativeLoad"/> method: the distributed read is sent
    /// first (so its version predates the repository read), then the repository call starts without waiting
    /// for it; a distributed hit cancels the call and wins.
    /// </summary>
    private async Task<T> RunSpeculativeAsync<T>(string key, CacheMethod method, Func<CancellationToken, ValueTask<T>> load, Flight<T> flight, bool ownerAwaits)
    {
        using var speculation = CancellationTokenSource.CreateLinkedTokenSource(flight.LoadToken);
        Task<T>? loading = null;
        try
        {
            var reading = ReadDistributedAsync<T>(key, method);
            loading = load(speculation.Token).AsTask();
            var entry = await reading.ConfigureAwait(false);
            if (entry.Found)
            {
                await speculation.CancelAsync().ConfigureAwait(false);
                Observe(loading);
                CompleteWithDistributedHit(key, method, flight, entry);
                return entry.Value;
            }

            method.RecordMiss();
            var value = await loading.ConfigureAwait(false);
            CompleteWithLoad(key, method, flight, value, entry.Version);
            return value;
        }
        catch (Exception ex)
        {
            if (loading is not null)
            {
                Observe(loading);
            }

            Finish(key, flight);
            flight.Fail(ex);
            if (ownerAwaits)
            {
                throw;
            }

            return default!;
        }
    }

    private void CompleteWithDistributedHit<T>(string key, CacheMethod method, Flight<T> flight, DistributedEntry<T> entry)
    {
        method.RecordDistributedHit();
        if (!flight.IsStale)
        {
            StoreLocal(key, method, entry.Value, entry.RemainingTtl);
        }

        Finish(key, flight);
        flight.Complete(entry.Value);
    }

    private void CompleteWithLoad<T>(string key, CacheMethod method, Flight<T> flight, T value, string? version)
    {
        if (!flight.IsStale)
        {
            StoreResult(key, method, value, version);
        }

        // Leave the table after storing: a caller arriving now either joins this flight or hits the store.
        Finish(key, flight);
        flight.Complete(value);
    }

    // The dropped speculative call may still fail (cancelled, or its own error): nobody waits for it.
    private static void Observe(Task task)
        => task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private void Finish(string key, Flight flight) => _flights.TryRemove(new KeyValuePair<string, Flight>(key, flight));

    private async ValueTask<DistributedEntry<T>> ReadDistributedAsync<T>(string key, CacheMethod method)
    {
        if (IsPendingInvalidation(key))
        {
            // Redis may hold a value that should have been removed: not trusted until the removal is replayed.
            ReplayPendingInvalidations();
            return DistributedEntry.Unavailable<T>();
        }

        try
        {
            var entry = await _distributed!.TryGetAsync<T>(key, CancellationToken.None).ConfigureAwait(false);
            return Inspect(entry, key, method);
        }
        catch (Exception ex)
        {
            OnFault(ex, method, "distributed read", key);
            return DistributedEntry.Unavailable<T>();
        }
    }

    private DistributedEntry<T> ReadDistributed<T>(string key, CacheMethod method, Func<IDistributedCacheLevel, string, DistributedEntry<T>> read)
    {
        if (IsPendingInvalidation(key))
        {
            // Redis may hold a value that should have been removed: not trusted until the removal is replayed.
            ReplayPendingInvalidations();
            return DistributedEntry.Unavailable<T>();
        }

        try
        {
            return Inspect(read(_distributed!, key), key, method);
        }
        catch (Exception ex)
        {
            OnFault(ex, method, "distributed read", key);
            return DistributedEntry.Unavailable<T>();
        }
    }

    private DistributedEntry<T> Inspect<T>(DistributedEntry<T> entry, string key, CacheMethod method)
    {
        if (entry.Fault is not null)
        {
            OnFault(entry.Fault, method, "distributed entry decode", key);
        }

        if (entry.Version is not null)
        {
            // The level answers again: a good moment to replay invalidations it missed.
            ReplayPendingInvalidations();
        }

        return entry;
    }

    private void StoreResult<T>(string key, CacheMethod method, T value, string? version)
    {
        if (value is null && !method.CacheNulls)
        {
            return;
        }

        StoreLocal(key, method, value, method.Ttl);
        if (_distributed is not null && version is not null)
        {
            // Off the caller's path: the miss returns as soon as the repository did.
            _writes.Enqueue(() => WriteDistributedAsync(key, method, value, version));
        }
    }

    private void StoreLocal<T>(string key, CacheMethod method, T value, TimeSpan ttl)
    {
        if (!_useLocal || ttl <= TimeSpan.Zero || (value is null && !method.CacheNulls))
        {
            return;
        }

        try
        {
            _store.Set(key, value, ttl);
        }
        catch (Exception ex)
        {
            OnFault(ex, method, "write", key);
        }
    }

    private async Task WriteDistributedAsync<T>(string key, CacheMethod method, T value, string version)
    {
        try
        {
            await _distributed!.SetAsync(key, value, method.Ttl, version).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            OnFault(ex, method, "distributed write", key);
        }
    }

    private void InvalidateLocal(string keyOrPrefix, bool isPrefix, CacheMethod method)
    {
        MarkFlightsStale(keyOrPrefix, isPrefix);
        try
        {
            if (isPrefix)
            {
                _store.RemoveByPrefix(keyOrPrefix);
            }
            else
            {
                _store.Remove(keyOrPrefix);
            }
        }
        catch (Exception ex)
        {
            OnFault(ex, method, "remove", keyOrPrefix);
        }
    }

    private async Task InvalidateDistributedAsync(string keyOrPrefix, bool isPrefix, CacheMethod method)
    {
        try
        {
            await (isPrefix ? _distributed!.InvalidatePrefixAsync(keyOrPrefix) : _distributed!.InvalidateAsync(keyOrPrefix)).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            OnFault(ex, method, "distributed remove", keyOrPrefix);
            RememberPendingInvalidation(keyOrPrefix, isPrefix);
            return;
        }

        // Done now, so no longer pending; and the level answers again, so replay what else is.
        if (!_pendingInvalidations.IsEmpty)
        {
            _pendingInvalidations.TryRemove(new KeyValuePair<string, bool>(keyOrPrefix, isPrefix));
            ReplayPendingInvalidations();
        }
    }

    private void MarkFlightsStale(string keyOrPrefix, bool isPrefix)
    {
        if (!isPrefix)
        {
            if (_flights.TryGetValue(keyOrPrefix, out var flight))
            {
                flight.MarkStale();
            }

            return;
        }

        foreach (var pair in _flights)
        {
            if (pair.Key.StartsWith(keyOrPrefix, StringComparison.Ordinal))
            {
                pair.Value.MarkStale();
            }
        }
    }

    private void RememberPendingInvalidation(string keyOrPrefix, bool isPrefix)
    {
        if (_distributed is null)
        {
            return;
        }

        if (_pendingInvalidations.Count >= MaxPendingInvalidations)
        {
            LogPendingOverflow(_logger, MaxPendingInvalidations);
            return;
        }

        _pendingInvalidations[keyOrPrefix] = isPrefix;
    }

    private bool IsPendingInvalidation(string key)
    {
        if (_pendingInvalidations.IsEmpty)
        {
            return false;
        }

        foreach (var pair in _pendingInvalidations)
        {
            if (pair.Value ? key.StartsWith(pair.Key, StringComparison.Ordinal) : key == pair.Key)
            {
                return true;
            }
        }

        return false;
    }

    private void ReplayPendingInvalidations()
    {
        if (_pendingInvalidations.IsEmpty || Interlocked.CompareExchange(ref _replaying, 1, 0) != 0)
        {
            return;
        }

        _ = ReplayAsync();

        async Task ReplayAsync()
        {
            try
            {
                foreach (var pair in _pendingInvalidations)
                {
                    try
                    {
                        await (pair.Value ? _distributed!.InvalidatePrefixAsync(pair.Key) : _distributed!.InvalidateAsync(pair.Key)).ConfigureAwait(false);
                        _pendingInvalidations.TryRemove(pair);
                    }
                    catch (Exception ex)
                    {
                        LogReplayFailed(_logger, ex, _pendingInvalidations.Count);
                        return;
                    }
                }
            }
            finally
            {
                Volatile.Write(ref _replaying, 0);
            }
        }
    }

    private void OnFault(Exception exception, CacheMethod method, string operation, string key)
    {
        method.RecordError();
        if (method.TryTakeErrorLogSlot(Environment.TickCount64, ErrorLogIntervalMilliseconds, out var suppressed))
        {
            LogStoreFault(_logger, exception, operation, method.Method, key, suppressed);
        }
    }

    private void OnBackplaneFault(Exception exception)
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastBackplaneLog);
        if (now - last >= ErrorLogIntervalMilliseconds && Interlocked.CompareExchange(ref _lastBackplaneLog, now, last) == last)
        {
            LogBackplaneFault(_logger, exception);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "CachingGen: cache {Operation} failed for {Method} (key '{Key}'); the call went on without the cache. {Suppressed} similar faults were not logged since the last message.")]
    private static partial void LogStoreFault(ILogger logger, Exception exception, string operation, string method, string key, long suppressed);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "CachingGen: removing key '{Key}' failed; it will be retried when the distributed cache answers again.")]
    private static partial void LogManualRemoveFailed(ILogger logger, Exception exception, string key);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "CachingGen: more than {Limit} distributed invalidations are waiting for the distributed cache to come back; further ones are not remembered, so entries may stay stale there until their TTL ends.")]
    private static partial void LogPendingOverflow(ILogger logger, int limit);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "CachingGen: replaying distributed invalidations failed; {Pending} still pending.")]
    private static partial void LogReplayFailed(ILogger logger, Exception exception, int pending);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "CachingGen: applying an invalidation from another instance failed.")]
    private static partial void LogBackplaneFault(ILogger logger, Exception exception);

    /// <summary>Applies other instances' invalidations to this instance.</summary>
    private sealed class Listener(CachingGenCache cache) : IDistributedInvalidationListener
    {
        public void OnKeyInvalidated(string key) => Apply(() =>
        {
            cache.MarkFlightsStale(key, isPrefix: false);
            cache._store.Remove(key);
        });

        public void OnPrefixInvalidated(string prefix) => Apply(() =>
        {
            cache.MarkFlightsStale(prefix, isPrefix: true);
            cache._store.RemoveByPrefix(prefix);
        });

        public void OnInvalidationsMissed() => Apply(() =>
        {
            foreach (var flight in cache._flights.Values)
            {
                flight.MarkStale();
            }

            cache._store.Clear();
            cache.ReplayPendingInvalidations();
        });

        private void Apply(Action action)
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                cache.OnBackplaneFault(ex);
            }
        }
    }
}
