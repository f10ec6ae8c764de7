using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CachingGen.Diagnostics;
using CachingGen.Distributed;
using CachingGen.Infrastructure;
using CachingGen.Internals.Backplane;
using CachingGen.Internals.Diagnostics;
using CachingGen.Internals.Distributed;
using CachingGen.Internals.Loading;
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
/// <c>*CacheKeys</c> classes) or to read its <see cref="Statistics"/>. The code generated decorators call lives in
/// <c>CachingGen.Infrastructure</c>; this file is the public surface, the load path and invalidation are in
/// <c>Runtime/</c>.
/// </remarks>
public sealed partial class CachingGenCache : IDisposable
{
    private readonly ICacheStore _store;

    // The store again when it is the built-in one and this cache reads it: the hit path calls it directly (see TryGetLocal).
    private readonly InProcessCacheStore? _hitStore;
    private readonly bool _useLocal;
    private readonly DistributedAccess? _distributed;
    private readonly FaultReporter _faults;
    private readonly MethodCounterTable _counters = new();
    private readonly ConcurrentDictionary<string, Flight> _flights = new(StringComparer.Ordinal);
    private readonly Meter _meter;
    private readonly TimeProvider _time;
    private readonly CacheInstruments _instruments;
    private CacheTelemetryOptions _telemetryOptions = new();
    private bool _traceHits;
    private bool _recordKeys;
    private volatile bool _disposed;

    /// <summary>Creates a cache over the in-process <paramref name="store"/> only, logging nowhere (the other constructor takes a logger).</summary>
    public CachingGenCache(ICacheStore store)
        : this(store, distributed: null, CacheLevels.LocalOnly)
    {
    }

    /// <summary>
    /// Creates a cache over <paramref name="store"/> and, unless <paramref name="levels"/> says otherwise,
    /// <paramref name="distributed"/>; <paramref name="backplane"/> tells other instances what this one invalidates
    /// and applies theirs. The meter comes from <paramref name="meterFactory"/> when there is one. <paramref name="timeProvider"/>
    /// times the policies (timeouts, fail-safe back-off, waits for another instance's load); pass the store's clock so both
    /// agree (<c>AddCachingGen</c> passes <see cref="InProcessCacheStoreOptions.TimeProvider"/>). Default: the system clock.
    /// </summary>
    public CachingGenCache(
        ICacheStore store,
        IDistributedCacheLevel? distributed,
        CacheLevels levels,
        ILogger<CachingGenCache>? logger = null,
        ICacheBackplane? backplane = null,
        IMeterFactory? meterFactory = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _time = timeProvider ?? TimeProvider.System;
        // Log lines are rate-limited in wall-clock time, for the people reading them, whatever clock the policies use.
        _faults = new FaultReporter((ILogger?)logger ?? NullLogger.Instance, TimeProvider.System);
        _meter = CachingGenMetrics.Create(_counters, meterFactory, out _instruments);
        var level = levels == CacheLevels.LocalOnly ? null : distributed;
        _distributed = level is null ? null : new DistributedAccess(level, backplane, _faults, _instruments);
        _useLocal = levels != CacheLevels.DistributedOnly || _distributed is null;
        _hitStore = _useLocal ? store as InProcessCacheStore : null;
        Statistics = new CacheStatistics(_counters);
        backplane?.Subscribe(new BackplaneListener(this));
    }

    /// <summary>The in-process store.</summary>
    public ICacheStore Store => _store;

    /// <summary>The distributed level, when one is in use.</summary>
    public IDistributedCacheLevel? Distributed => _distributed?.Level;

    /// <summary>Distributed invalidations waiting to be replayed because the distributed level was unavailable.</summary>
    public int PendingInvalidations => _distributed?.Pending.Count ?? 0;

    /// <summary>This cache's per-method counters (hits, misses, errors, invalidations).</summary>
    public CacheStatistics Statistics { get; }

    /// <summary>
    /// What this cache's traces carry beyond the default: spans for hits, and keys in spans. Read when the cache is created
    /// (<c>AddCachingGen(o => o.Telemetry.TraceHits = true)</c>); both are off by default.
    /// </summary>
    public CacheTelemetryOptions Telemetry
    {
        get => _telemetryOptions;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _telemetryOptions = value;
            _traceHits = value.TraceHits;
            _recordKeys = value.RecordKeys;
            if (_distributed is not null)
            {
                _distributed.RecordKeys = value.RecordKeys;
            }
        }
    }

    /// <summary>The meter this cache's counters are published on (named <see cref="CachingGenMetrics.MeterName"/>).</summary>
    internal Meter Meter => _meter;

    /// <summary>
    /// Removes a key built by hand, for example with a generated <c>*CacheKeys</c> builder, from every level.
    /// Faults are logged, not thrown; a removal the distributed level missed is replayed when it answers.
    /// </summary>
    public async ValueTask RemoveAsync(string key)
    {
        ArgumentNullException.ThrowIfNull(key);

        await RemoveByHandAsync(key, isPrefix: false).ConfigureAwait(false);
    }

    /// <summary>
    /// <see cref="RemoveAsync"/> for a key or a prefix. A prefix reaches the distributed level's entries only when some
    /// <c>[Invalidates("…:*")]</c> declares its shape (the operations endpoints only build such prefixes).
    /// </summary>
    internal async ValueTask RemoveByHandAsync(string keyOrPrefix, bool isPrefix)
    {
        // Like an [Invalidates] method: removed again after the distributed level, and again at a transaction's commit.
        var transaction = CurrentTransaction();
        using var activity = CacheTraces.Start(CachingGenTracing.InvalidateSpan, null, keyOrPrefix, _recordKeys);
        await InvalidateCoreAsync(keyOrPrefix, isPrefix, counters: null).ConfigureAwait(false);
        DeferToCommit(transaction, keyOrPrefix, isPrefix, method: null);
    }

    /// <summary>
    /// Removes everything: this instance's in-process level, the distributed level when it can clear itself
    /// (<see cref="IDistributedCacheClear"/>), and, through the backplane, the other instances' in-process levels. Loads
    /// running now store nothing. An operator's action (the operations endpoints): unlike an invalidation it throws when
    /// the distributed level cannot be cleared, so the caller knows the old values may still be there.
    /// </summary>
    public async ValueTask ClearAsync()
    {
        using var activity = CacheTraces.Start(CachingGenTracing.InvalidateSpan, null, null, recordKey: false);
        ApplyMissedInvalidations();
        if (_distributed is not null)
        {
            await _distributed.ClearAsync().ConfigureAwait(false);

            // Again: a load that read the distributed level before it was cleared may have stored in process meanwhile.
            ApplyMissedInvalidations();
        }
    }

    /// <summary>Stops publishing this cache's metrics. The store and the distributed level belong to whoever created them.</summary>
    public void Dispose()
    {
        _disposed = true;
        InterceptedCache.Detach(this);
        _meter.Dispose();
    }

    /// <summary>
    /// The change feed that invalidates this cache for writes made elsewhere (<c>UsePostgresChangeFeed</c>), or null
    /// when none is configured.
    /// </summary>
    public IChangeFeed? ChangeFeed { get; internal set; }

    /// <summary>Whether <see cref="Dispose"/> ran: an instance bound to a disposed cache falls back to the process's cache.</summary>
    internal bool IsDisposed => _disposed;

    /// <summary>Where this cache logs, rate-limited.</summary>
    internal FaultReporter Faults => _faults;
}
