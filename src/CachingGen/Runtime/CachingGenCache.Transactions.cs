using System.Runtime.CompilerServices;
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

    // The invalidations of each open ambient transaction, made again together when it commits.
    private readonly ConditionalWeakTable<Transaction, List<Invalidation>> _ambient = new();

    // Set once this cache has invalidated inside a transaction: from then on a hit checks whether the caller is in one
    // (its own reads must not see the committed values it replaced). Apps without transactions never pay for it.
    private volatile bool _transactionsSeen;

    /// <summary>
    /// Begins a <see cref="CacheTransaction"/> for an explicit database transaction in this async flow (see there).
    /// Not needed with <c>TransactionScope</c>.
    /// </summary>
    public CacheTransaction BeginTransaction()
    {
        // Not async: the AsyncLocal set here stays set in the caller's flow.
        var transaction = new CacheTransaction(this, _transaction.Value);
        _transaction.Value = transaction;
        _transactionsSeen = true;
        return transaction;
    }

    /// <summary>Whether this flow is inside a transaction, whose reads may see uncommitted data and so are never stored or shared.</summary>
    private bool InTransaction => CurrentTransaction() is not null;

    /// <summary>Whether a hit must be refused: the caller is inside a transaction that may have replaced the value.</summary>
    private bool HitNeedsTransactionCheck => _transactionsSeen && InTransaction;

    internal void EndTransaction(CacheTransaction transaction, CacheTransaction? outer)
    {
        if (ReferenceEquals(_transaction.Value, transaction))
        {
            _transaction.Value = outer;
        }
    }

    /// <summary>The transaction this flow is in: an explicit <see cref="CacheTransaction"/>, an ambient one, or none.</summary>
    private object? CurrentTransaction()
    {
        if (_transaction.Value is { IsActive: true } explicitTransaction)
        {
            return explicitTransaction;
        }

        try
        {
            return Transaction.Current is { TransactionInformation.Status: TransactionStatus.Active } ambient ? ambient : null;
        }
        catch (InvalidOperationException)
        {
            // A TransactionScope already completed but not yet disposed (its commit is still to come): treat the flow
            // as inside it for reads; an invalidation now is made at once and again by nobody, so none is deferred.
            return CompletedScope;
        }
    }

    private static readonly object CompletedScope = new();

    /// <summary>After an invalidation made at once: if it was made in a transaction, arrange for it to be made again at the commit.</summary>
    private void DeferToCommit(object? transaction, string keyOrPrefix, bool isPrefix, CacheMethod? method)
    {
        if (transaction is null)
        {
            return;
        }

        _transactionsSeen = true;
        if (transaction is CacheTransaction explicitTransaction)
        {
            explicitTransaction.Remember(keyOrPrefix, isPrefix, method);
            return;
        }

        if (transaction is not Transaction ambient)
        {
            return;
        }

        var added = false;
        var list = _ambient.GetValue(ambient, key =>
        {
            added = true;
            return new List<Invalidation>();
        });
        lock (list)
        {
            list.Add(new Invalidation(keyOrPrefix, isPrefix, method));
        }

        if (added)
        {
            // Raised on the committing thread before TransactionScope.Dispose returns (a local transaction), so the
            // commit returns only once the old values are gone: one handler per transaction, its removals concurrent.
            // Blocking is bounded by the levels' own timeouts.
            ambient.TransactionCompleted += (_, e) =>
            {
                Invalidation[] pending;
                lock (list)
                {
                    pending = list.ToArray();
                }

                if (e.Transaction?.TransactionInformation.Status is TransactionStatus.Committed or TransactionStatus.InDoubt)
                {
                    InvalidateAgainAsync(pending).GetAwaiter().GetResult();
                }
            };
        }
    }

    /// <summary>The second invalidation, at the commit: not counted again (the write made one).</summary>
    internal Task InvalidateAgainAsync(Invalidation[] invalidated)
    {
        var removals = new Task[invalidated.Length];
        for (var i = 0; i < removals.Length; i++)
        {
            var (keyOrPrefix, isPrefix, method) = invalidated[i];
            removals[i] = InvalidateCoreAsync(keyOrPrefix, isPrefix, method is null ? null : _counters.For(method));
        }

        return Task.WhenAll(removals);
    }
}
