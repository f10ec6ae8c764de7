using System.Diagnostics.CodeAnalysis;
using CachingGen.Internals.Diagnostics;
using CachingGen.Internals.Loading;
using CachingGen.Storage;

namespace CachingGen;

/// <summary>Fail-safe: the copy kept after an entry expires, answered after a failure or a timeout, and its back-off.</summary>
public sealed partial class CachingGenCache
{
    /// <summary>The value a caller of <paramref name="flight"/> returns; a fail-safe answer is counted and reported for each caller.</summary>
    private T Answer<T>(string key, MethodCounters counters, Flight<T> flight, T value)
    {
        if (flight.StaleBecause is { } failure)
        {
            _faults.Stale(counters, "failed", failure, key);
            CacheTraces.Outcome(TraceValues.Stale, TraceValues.Memory);
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

    /// <summary>The cache clock's timestamp <paramref name="span"/> from now.</summary>
    private long Later(TimeSpan span) => _time.GetTimestamp() + (long)(span.TotalSeconds * _time.TimestampFrequency);
}
