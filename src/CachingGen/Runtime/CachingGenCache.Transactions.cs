using System;
using System.Threading;
using System.Threading.Tasks;
using System.Transactions;
using CachingGen.Infrastructure;
using CachingGen.Transactions;

namespace CachingGen;

/// <summary>
/// Invalidations inside a database transaction: once at once, once more at the commit, so no reader can store the old
/// committed value for good while the transaction is open. Ambient <see cref="Transaction"/>s are followed by
/// themselves; explicit ones through <see cref="BeginTransaction"/>.
/// </summary>
public sealed partial class CachingGenCache
{
    private readonly AsyncLocal<CacheTransaction?> _transaction = new();

    /// <summary>
    /// Begins a <see cref="CacheTransaction"/> for an explicit database transaction in this async flow (see there).
    /// Not needed with <c>TransactionScope</c>.
    /// </summary>
    public CacheTransaction BeginTransaction()
    {
        // Not async: the AsyncLocal set here stays set in the caller's flow.
        var transaction = new CacheTransaction(this, _transaction.Value);
        _transaction.Value = transaction;
        return transaction;
    }

    /// <summary>Whether this flow is inside a transaction, whose reads may see uncommitted data and so are never stored or shared.</summary>
    private bool InTransaction => CurrentTransaction() is not null;

    internal void EndTransaction(CacheTransaction transaction, CacheTransaction? outer)
    {
        if (ReferenceEquals(_transaction.Value, transaction))
        {
            _transaction.Value = outer;
        }
    }

    /// <summary>The transaction this flow is in: an explicit <see cref="CacheTransaction"/>, an ambient one, or none.</summary>
    private object? CurrentTransaction()
        => _transaction.Value is { IsActive: true } explicitTransaction
            ? explicitTransaction
            : Transaction.Current is { TransactionInformation.Status: TransactionStatus.Active } ambient ? ambient : null;

    /// <summary>After an invalidation made at once: if it was made in a transaction, arrange for it to be made again at the commit.</summary>
    private void DeferToCommit(object? transaction, string keyOrPrefix, bool isPrefix, CacheMethod method)
    {
        if (transaction is CacheTransaction explicitTransaction)
        {
            explicitTransaction.Remember(keyOrPrefix, isPrefix, method);
            return;
        }

        if (transaction is Transaction ambient)
        {
            // Raised on the committing thread before TransactionScope.Dispose returns (a local transaction), so the
            // commit returns only once the old values are gone. Blocking is bounded by the levels' own timeouts, and
            // the distributed removal completes on the client's threads, so it cannot deadlock.
            ambient.TransactionCompleted += (_, e) =>
            {
                if (e.Transaction?.TransactionInformation.Status is TransactionStatus.Committed or TransactionStatus.InDoubt)
                {
                    InvalidateAgainAsync([(keyOrPrefix, isPrefix, method)]).GetAwaiter().GetResult();
                }
            };
        }
    }

    /// <summary>The second invalidation, at the commit: not counted again (the write made one).</summary>
    internal async Task InvalidateAgainAsync((string KeyOrPrefix, bool IsPrefix, CacheMethod Method)[] invalidated)
    {
        foreach (var (keyOrPrefix, isPrefix, method) in invalidated)
        {
            await InvalidateCoreAsync(keyOrPrefix, isPrefix, _counters.For(method)).ConfigureAwait(false);
        }
    }
}
