using System.Threading;
using System.Transactions;
using Balances.Data;
using CachingGen.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CachingGen.Balances.Tests;

/// <summary>
/// Writes inside a database transaction on real PostgreSQL, with a reader outside it loading the old committed row
/// (and caching it) while the transaction is open: once the commit has returned, no read returns the old value.
/// </summary>
public sealed class TransactionTests : CachedBalances
{
    private static readonly CacheMethod UnitOfWorkWrite = CacheMethod.ForInvalidating("Tests.UnitOfWork.Credit", "balance:<id>");

    [Fact]
    public async Task A_credit_in_a_TransactionScope_is_never_read_stale_after_the_commit_returns()
    {
        var target = (await Repository.FindByUserIdAsync(5))[0];
        using (var scope = new TransactionScope(TransactionScopeAsyncFlowOption.Enabled))
        {
            // The repository's connection enlists in the scope: the UPDATE is not committed yet.
            await Repository.CreditAsync(target.Ref, 5m);

            // Another request reads the committed (old) row meanwhile, and caches it.
            var during = await OutsideTheTransaction(() => Repository.FindByIdAsync(target.Id));
            Assert.Equal(target.Amount, during!.Amount);

            scope.Complete();
        }

        Assert.Equal(target.Amount + 5m, (await Repository.FindByIdAsync(target.Id))!.Amount);
        Assert.Equal(target.Amount + 5m, (await OutsideTheTransaction(() => Repository.FindByIdAsync(target.Id)))!.Amount);
    }

    [Fact]
    public async Task A_rolled_back_TransactionScope_leaves_the_cache_valid()
    {
        var target = (await Repository.FindByUserIdAsync(6))[0];
        using (new TransactionScope(TransactionScopeAsyncFlowOption.Enabled))
        {
            await Repository.CreditAsync(target.Ref, 5m);
            await OutsideTheTransaction(() => Repository.FindByIdAsync(target.Id));
        }

        Assert.Equal(target.Amount, (await Repository.FindByIdAsync(target.Id))!.Amount);
        Assert.Equal(target.Amount, (await Db.DataSource.CreateConnection().QuerySingleAsync<decimal>("SELECT amount FROM balances WHERE id = @Id", new { target.Id })));
    }

    [Fact]
    public async Task An_explicit_NpgsqlTransaction_with_a_cache_transaction_is_never_read_stale_after_the_commit()
    {
        var target = (await Repository.FindByUserIdAsync(7))[0];
        await using (var cacheTransaction = Cache.BeginTransaction())
        {
            await using var connection = await Db.DataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();

            // What a unit-of-work repository's [Invalidates] method does: write in the transaction, then invalidate.
            await connection.ExecuteAsync("UPDATE balances SET amount = amount + 7 WHERE id = @Id", new { target.Id }, transaction);
            await CacheOperations.InvalidateAsync(Cache, "balance:" + target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), UnitOfWorkWrite);

            var during = await OutsideTheTransaction(() => Repository.FindByIdAsync(target.Id));
            Assert.Equal(target.Amount, during!.Amount);

            await transaction.CommitAsync();
            await cacheTransaction.CommitAsync();
        }

        Assert.Equal(target.Amount + 7m, (await Repository.FindByIdAsync(target.Id))!.Amount);
    }

    [Fact]
    public async Task Concurrent_readers_see_no_stale_value_after_each_committed_transaction()
    {
        var target = (await Repository.FindByUserIdAsync(8))[0];
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(_ => OutsideTheTransaction(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Repository.FindByIdAsync(target.Id);
            }

            return 0;
        })).ToArray();

        var stale = 0;
        var expected = target.Amount;
        for (var i = 0; i < 20; i++)
        {
            using (var scope = new TransactionScope(TransactionScopeAsyncFlowOption.Enabled))
            {
                await Repository.CreditAsync(target.Ref, 1m);
                scope.Complete();
            }

            expected += 1m;
            stale += (await OutsideTheTransaction(() => Repository.FindByIdAsync(target.Id)))!.Amount == expected ? 0 : 1;
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Assert.Equal(0, stale);
    }

    /// <summary>Runs <paramref name="read"/> in a flow that does not carry the ambient transaction (another request).</summary>
    private static Task<T> OutsideTheTransaction<T>(Func<Task<T>> read)
    {
        using (ExecutionContext.SuppressFlow())
        {
            return Task.Run(read);
        }
    }
}
