namespace CachingGen.Storage;

/// <summary>Base type of every stored entry, so a store can hold entries of any value type in one map.</summary>
public abstract class CacheEntry
{
    private const int RefreshIdle = 0;
    private const int RefreshDueState = 1;
    private const int RefreshClaimed = 2;

    private int _refresh;
    private int _removed;
    private long _retryNotBefore = long.MinValue;

    private protected CacheEntry(long expiresAt, long keepUntil, long refreshAt)
    {
        ExpiresAt = expiresAt;
        KeepUntil = keepUntil < expiresAt ? expiresAt : keepUntil;
        RefreshAt = refreshAt;
        LastAccess = 0;
    }

    /// <summary>When the entry stops being served as a hit, in the owning store's clock units.</summary>
    public long ExpiresAt { get; }

    /// <summary>
    /// Until when the store keeps the entry past <see cref="ExpiresAt"/> as a fail-safe copy, which only
    /// <see cref="ICacheStore.TryGetStale{T}"/> returns; equal to <see cref="ExpiresAt"/> for an entry without one.
    /// </summary>
    public long KeepUntil { get; }

    /// <summary>When a hit should start a background reload (refresh-ahead), in store clock units; <see cref="long.MaxValue"/> for never.</summary>
    public long RefreshAt { get; }

    /// <summary>Last time the entry was read, in the owning store's clock units; used for eviction.</summary>
    public long LastAccess { get; internal set; }

    /// <summary>
    /// Whether the store that held the entry has dropped or replaced it. A reference kept outside the store (the hit-by-value
    /// memo, <see cref="ValueMemo"/>) serves the entry only while this is false, so the store stays the only source of truth.
    /// </summary>
    internal bool Removed => Volatile.Read(ref _removed) != 0;

    /// <summary>Called by the store just before it takes the entry out of its map (removed, replaced, expired or evicted).</summary>
    internal void MarkRemoved() => Volatile.Write(ref _removed, 1);

    /// <summary>Whether a read found the entry past <see cref="RefreshAt"/> and no reload has been started for it yet.</summary>
    public bool RefreshDue => Volatile.Read(ref _refresh) == RefreshDueState;

    /// <summary>Called by a store when a read finds the entry past <see cref="RefreshAt"/>: the hit that sees it starts the reload.</summary>
    public void MarkRefreshDue()
    {
        if (Volatile.Read(ref _refresh) == RefreshIdle)
        {
            Interlocked.CompareExchange(ref _refresh, RefreshDueState, RefreshIdle);
        }
    }

    /// <summary>Takes the one reload this entry may start; false when another hit took it.</summary>
    internal bool TryClaimRefresh() => Interlocked.CompareExchange(ref _refresh, RefreshClaimed, RefreshDueState) == RefreshDueState;

    /// <summary>
    /// For a fail-safe copy served after a failed load: the cache's timestamp before which callers get this copy
    /// without trying the repository again (the back-off). In the cache's clock, not the store's.
    /// </summary>
    internal long RetryNotBefore
    {
        get => Volatile.Read(ref _retryNotBefore);
        set => Volatile.Write(ref _retryNotBefore, value);
    }
}

/// <summary>
/// A cached value. The completed <see cref="Task{TResult}"/> for it is created once and reused, so a hit on a
/// <c>Task&lt;T&gt;</c>-returning method allocates nothing.
/// </summary>
/// <typeparam name="T">The cached method's result type.</typeparam>
public sealed class CacheEntry<T> : CacheEntry
{
    private Task<T>? _task;

    /// <summary>Creates an entry holding <paramref name="value"/> until <paramref name="expiresAt"/> (store clock units).</summary>
    public CacheEntry(T value, long expiresAt)
        : this(value, expiresAt, expiresAt, long.MaxValue)
    {
    }

    /// <summary>
    /// Creates an entry served until <paramref name="expiresAt"/>, kept as a fail-safe copy until <paramref name="keepUntil"/>,
    /// and due for a reload from <paramref name="refreshAt"/> (<see cref="long.MaxValue"/>: never); all in store clock units.
    /// </summary>
    public CacheEntry(T value, long expiresAt, long keepUntil, long refreshAt)
        : base(expiresAt, keepUntil, refreshAt)
    {
        Value = value;
    }

    /// <summary>The cached value (may be <see langword="null"/> when null results are cached).</summary>
    public T Value { get; }

    /// <summary>A completed task holding <see cref="Value"/>, created on first use and shared by every later hit.</summary>
    public Task<T> AsTask()
    {
        // A race creates two equivalent completed tasks; either one is correct.
        return _task ?? Interlocked.CompareExchange(ref _task, Task.FromResult(Value), null) ?? _task;
    }
}
