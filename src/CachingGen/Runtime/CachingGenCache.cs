using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;
using CachingGen.Diagnostics;
using CachingGen.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CachingGen;

/// <summary>
/// The cache behind every generated decorator. It never lets a store fault reach the caller: a failing
/// look-up is a miss, a failing write or removal is counted and logged, and the call goes on.
/// Inject it to build or remove keys by hand (see the generated <c>*CacheKeys</c> classes).
/// </summary>
public sealed partial class CachingGenCache
{
    private const long ErrorLogIntervalMilliseconds = 10_000;

    private readonly ICacheStore _store;
    private readonly ILogger _logger;

    /// <summary>Creates a cache over <paramref name="store"/>.</summary>
    public CachingGenCache(ICacheStore store, ILogger<CachingGenCache>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The in-process store.</summary>
    public ICacheStore Store => _store;

    /// <summary>
    /// Probes the in-process store. A store fault is counted on <paramref name="method"/>, logged, and
    /// reported as a miss. Called by generated code on every look-up; it does not count hits.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public bool TryGetLocal<T>(ReadOnlySpan<char> key, CacheMethod method, [NotNullWhen(true)] out CacheEntry<T>? entry)
    {
        try
        {
            return _store.TryGet(key, out entry);
        }
        catch (Exception ex)
        {
            OnStoreFault(ex, method, "read", key.ToString());
            entry = null;
            return false;
        }
    }

    /// <summary>
    /// The miss path of an asynchronous cached method: counts the miss, calls the repository, stores the
    /// result for the method's TTL and returns it. An exception from <paramref name="load"/> propagates and
    /// nothing is stored.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public async ValueTask<T> GetOrLoadAsync<T>(string key, CacheMethod method, Func<CancellationToken, ValueTask<T>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        method.RecordMiss();
        var value = await load(cancellationToken).ConfigureAwait(false);
        StoreResult(key, method, value);
        return value;
    }

    /// <summary>The miss path of a synchronous cached method (see <see cref="GetOrLoadAsync{T}"/>).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public T GetOrLoad<T>(string key, CacheMethod method, Func<T> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        method.RecordMiss();
        var value = load();
        StoreResult(key, method, value);
        return value;
    }

    /// <summary>
    /// Removes <paramref name="key"/> after an invalidating method succeeded. Never throws: a store fault is
    /// counted on <paramref name="method"/> and logged.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ValueTask InvalidateAsync(string key, CacheMethod method)
    {
        Invalidate(key, method);
        return ValueTask.CompletedTask;
    }

    /// <summary>Synchronous form of <see cref="InvalidateAsync(string, CacheMethod)"/>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void Invalidate(string key, CacheMethod method)
    {
        try
        {
            _store.Remove(key);
            method.RecordInvalidation();
        }
        catch (Exception ex)
        {
            OnStoreFault(ex, method, "remove", key);
        }
    }

    /// <summary>
    /// Removes a key built by hand, for example with a generated <c>*CacheKeys</c> builder. Store faults
    /// are logged, not thrown.
    /// </summary>
    public ValueTask RemoveAsync(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        try
        {
            _store.Remove(key);
        }
        catch (Exception ex)
        {
            LogManualRemoveFailed(_logger, ex, key);
        }

        return ValueTask.CompletedTask;
    }

    private void StoreResult<T>(string key, CacheMethod method, T value)
    {
        if (value is null && !method.CacheNulls)
        {
            return;
        }

        try
        {
            _store.Set(key, value, method.Ttl);
        }
        catch (Exception ex)
        {
            OnStoreFault(ex, method, "write", key);
        }
    }

    private void OnStoreFault(Exception exception, CacheMethod method, string operation, string key)
    {
        method.RecordError();
        if (method.TryTakeErrorLogSlot(Environment.TickCount64, ErrorLogIntervalMilliseconds, out var suppressed))
        {
            LogStoreFault(_logger, exception, operation, method.Method, key, suppressed);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "CachingGen: cache {Operation} failed for {Method} (key '{Key}'); the call went to the repository. {Suppressed} similar faults were not logged since the last message.")]
    private static partial void LogStoreFault(ILogger logger, Exception exception, string operation, string method, string key, long suppressed);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "CachingGen: removing key '{Key}' failed.")]
    private static partial void LogManualRemoveFailed(ILogger logger, Exception exception, string key);
}
