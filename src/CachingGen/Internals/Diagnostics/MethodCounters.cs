using CachingGen.Diagnostics;
using CachingGen.Infrastructure;
using CachingGen.Storage;

namespace CachingGen.Internals.Diagnostics;

/// <summary>One method's counters in one cache. Only the cache writes them; callers read copies (<see cref="Snapshot"/>).</summary>
internal sealed class MethodCounters(CacheMethod method)
{
    private long _hits;
    private long _distributedHits;
    private long _misses;
    private long _errors;
    private long _invalidations;
    private long _stale;
    private long _refreshes;
    private long _loads;
    private long _loadTicks;
    private ValueMemo? _memo;
    private ValueMemo? _guidMemo;
    private ValueMemo? _textMemo;

    public CacheMethod Method { get; } = method;

    /// <summary>
    /// The method's hit-by-value memo in this cache, or null before its first hit by value. It lives here, not in a table of
    /// its own, because the hit path already finds this object by the method's dense id: a second table would be a
    /// second look-up on every hit. GUIDs and strings have a memo each: overloads of one method share its descriptor, and a
    /// GUID's two halves could equal an integer key's value.
    /// </summary>
    public ValueMemo? Memo(bool guid) => guid ? Volatile.Read(ref _guidMemo) : Volatile.Read(ref _memo);

    /// <summary>The memo, created on first use (a race creates two; one is kept).</summary>
    public ValueMemo MemoToWrite(bool guid) => Created(ref guid ? ref _guidMemo : ref _memo);

    /// <summary>The memo of a key whose value is one string, or null before its first hit by value.</summary>
    public ValueMemo? TextMemo => Volatile.Read(ref _textMemo);

    /// <summary>The memo of strings, created on first use.</summary>
    public ValueMemo TextMemoToWrite() => Created(ref _textMemo);

    private static ValueMemo Created(ref ValueMemo? field)
        => Volatile.Read(ref field) ?? Interlocked.CompareExchange(ref field, new ValueMemo(), null) ?? field!;

    public long Hits => Volatile.Read(ref _hits);

    public long DistributedHits => Volatile.Read(ref _distributedHits);

    public long Misses => Volatile.Read(ref _misses);

    public long Errors => Volatile.Read(ref _errors);

    public long Invalidations => Volatile.Read(ref _invalidations);

    public long Stale => Volatile.Read(ref _stale);

    public long Refreshes => Volatile.Read(ref _refreshes);

    /// <summary>A repository call of <see cref="System.Diagnostics.Stopwatch"/> ticks, for the average load time the cache map shows.</summary>
    public void RecordLoad(long stopwatchTicks)
    {
        Interlocked.Add(ref _loadTicks, stopwatchTicks);
        Interlocked.Increment(ref _loads);
    }

    public void RecordStale() => Interlocked.Increment(ref _stale);

    public void RecordRefresh() => Interlocked.Increment(ref _refreshes);

    public void RecordHit() => Interlocked.Increment(ref _hits);

    public void RecordDistributedHit()
    {
        Interlocked.Increment(ref _distributedHits);
        Interlocked.Increment(ref _hits);
    }

    public void RecordMiss() => Interlocked.Increment(ref _misses);

    public void RecordError() => Interlocked.Increment(ref _errors);

    public void RecordInvalidation() => Interlocked.Increment(ref _invalidations);

    public CacheMethodStatistics Snapshot()
        => new(Method.Method, Method.KeyTemplate, Method.Kind, Hits, Misses, Errors, Invalidations, DistributedHits, Stale, Refreshes, Volatile.Read(ref _loads), TimeSpan.FromSeconds(Volatile.Read(ref _loadTicks) / (double)System.Diagnostics.Stopwatch.Frequency));
}
