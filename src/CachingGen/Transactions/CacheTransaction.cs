using CachingGen.Infrastructure;

namespace CachingGen.Transactions;

/// <summary>
/// Defers the second half of every invalidation made in it to the commit of an explicit database transaction (an
/// <c>NpgsqlTransaction</c>, a unit of work), which CachingGen cannot see. Begin it with
/// <see cref="CachingGenCache.BeginTransaction"/> before the writes, call <see cref="CommitAsync"/> right after the
/// database commit, and dispose it in any case.
/// </summary>
/// <remarks>
/// <para>Each invalidation still happens at once, so the transaction's own reads do not see the values it replaced.
/// Between that and the commit, a reader outside the transaction loads the old committed row and may store it; the
/// second invalidation at <see cref="CommitAsync"/> removes it and bumps the key's version, so a load that read
/// before the commit cannot store either. Reads inside the transaction (in this async flow) are never stored or
/// shared: they may see uncommitted data. Disposing without committing (a rollback) needs nothing more: the cache
/// only ever held committed values.</para>
/// <para>Ambient <c>System.Transactions</c> transactions (<c>TransactionScope</c>) need none of this: CachingGen
/// defers the second invalidation to their commit by itself.</para>
/// </remarks>
public sealed class CacheTransaction : IAsyncDisposable, IDisposable
{
    private readonly CachingGenCache _cache;
    private readonly CacheTransaction? _outer;
    private readonly List<Invalidation> _invalidated = new();
    private readonly Lock _lock = new();
    private int _state; // 0 active, 1 committed, 2 disposed

    internal CacheTransaction(CachingGenCache cache, CacheTransaction? outer)
    {
        _cache = cache;
        _outer = outer;
    }

    /// <summary>Whether the transaction is still open (neither committed nor disposed).</summary>
    public bool IsActive => Volatile.Read(ref _state) == 0;

    /// <summary>
    /// Call right after the database commit: invalidates again every key and prefix invalidated in the transaction.
    /// Never throws for a cache fault (it is counted, logged and replayed like any invalidation).
    /// </summary>
    public Task CommitAsync()
    {
        // Not async: the ambient scope is restored in the caller's flow before the first await.
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("This cache transaction is already committed or disposed.");
        }

        _cache.EndTransaction(this, _outer);
        Invalidation[] invalidated;
        lock (_lock)
        {
            invalidated = _invalidated.ToArray();
        }

        // Nested in another open transaction: that one commits the data last, so it must invalidate these again too.
        if (_outer is { IsActive: true } outer)
        {
            foreach (var invalidation in invalidated)
            {
                outer.Remember(invalidation.KeyOrPrefix, invalidation.IsPrefix, invalidation.Method);
            }
        }

        return _cache.InvalidateAgainAsync(invalidated);
    }

    /// <summary>Ends the transaction; without <see cref="CommitAsync"/> first, it was rolled back and nothing more is needed.</summary>
    public void Dispose()
    {
        if (Interlocked.CompareExchange(ref _state, 2, 0) == 0)
        {
            _cache.EndTransaction(this, _outer);
        }
    }

    /// <inheritdoc cref="Dispose" />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    internal void Remember(string keyOrPrefix, bool isPrefix, CacheMethod? method)
    {
        lock (_lock)
        {
            _invalidated.Add(new Invalidation(keyOrPrefix, isPrefix, method));
        }
    }
}
