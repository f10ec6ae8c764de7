using System.Threading;
using System.Threading.Tasks;

namespace CachingGen.Storage;

/// <summary>Base type of every stored entry, so a store can hold entries of any value type in one map.</summary>
public abstract class CacheEntry
{
    private protected CacheEntry(long expiresAt)
    {
        ExpiresAt = expiresAt;
        LastAccess = 0;
    }

    /// <summary>When the entry expires, in the owning store's clock units.</summary>
    public long ExpiresAt { get; }

    /// <summary>Last time the entry was read, in the owning store's clock units; used for eviction.</summary>
    public long LastAccess { get; internal set; }
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
        : base(expiresAt)
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
