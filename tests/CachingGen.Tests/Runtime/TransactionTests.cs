using System.Transactions;

namespace CachingGen.Tests.Runtime;

/// <summary>
/// Invalidations inside a transaction: made at once and again at the commit; reads inside it never stored or shared.
/// The "database" here is a committed value and a pending one; the same cases run on real PostgreSQL in
/// CachingGen.Balances.Tests.
/// </summary>
public sealed class TransactionTests
{
    private static readonly CacheMethod Read = CacheMethod.ForCached("Tests.Transactions.Read", "t:<id>", TimeSpan.FromMinutes(1), cacheNulls: true);
    private static readonly CacheMethod Write = CacheMethod.ForInvalidating("Tests.Transactions.Write", "t:<id>");

    private int _committed = 1;

    [Fact]
    public async Task A_value_a_reader_stored_while_a_TransactionScope_was_open_is_gone_when_the_commit_returns()
    {
        var cache = new CachingGenCache(new InProcessCacheStore());
        using (var scope = new TransactionScope(TransactionScopeAsyncFlowOption.Enabled))
        {
            // The write (not yet committed) and its invalidation.
            await CacheOperations.InvalidateAsync(cache, "t:1", Write);

            // A reader outside the transaction loads the committed row (1) and stores it.
            Assert.Equal(1, await OutsideTheTransaction(() => LoadAsync(cache, "t:1")));
            Assert.True(cache.Store.TryGet<int>("t:1", out _));

            _committed = 2;
            scope.Complete();
        }

        Assert.False(cache.Store.TryGet<int>("t:1", out _), "the value stored before the commit must be gone once it returns");
        Assert.Equal(2, await LoadAsync(cache, "t:1"));
    }

    [Fact]
    public async Task A_rolled_back_TransactionScope_leaves_the_cache_as_it_was()
    {
        var cache = new CachingGenCache(new InProcessCacheStore());
        using (new TransactionScope(TransactionScopeAsyncFlowOption.Enabled))
        {
            await CacheOperations.InvalidateAsync(cache, "t:2", Write);
            Assert.Equal(1, await OutsideTheTransaction(() => LoadAsync(cache, "t:2")));
        }

        Assert.True(cache.Store.TryGet<int>("t:2", out var entry) && entry.Value == 1, "the committed value stays valid after a rollback");
    }

    [Fact]
    public async Task Reads_inside_a_transaction_are_neither_stored_nor_shared_with_readers_outside_it()
    {
        var cache = new CachingGenCache(new InProcessCacheStore());
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int> inside;
        using (var scope = new TransactionScope(TransactionScopeAsyncFlowOption.Enabled))
        {
            // A read in the transaction sees its uncommitted write (99) and is held open.
            inside = CacheOperations.GetOrLoadAsync(cache, "t:3", Read, async _ => { await gate.Task; return 99; }, CancellationToken.None).AsTask();

            // A reader outside must not join it.
            Assert.Equal(1, await OutsideTheTransaction(() => LoadAsync(cache, "t:3")));
            gate.SetResult();
            Assert.Equal(99, await inside);
        }

        Assert.True(cache.Store.TryGet<int>("t:3", out var entry) && entry.Value == 1, "only the outside (committed) read may be stored");
    }

    [Fact]
    public async Task An_explicit_cache_transaction_invalidates_again_at_its_commit()
    {
        var cache = new CachingGenCache(new InProcessCacheStore());
        await using (var transaction = cache.BeginTransaction())
        {
            await CacheOperations.InvalidateAsync(cache, "t:4", Write);
            Assert.Equal(1, await OutsideTheTransaction(() => LoadAsync(cache, "t:4")));
            Assert.Equal(42, await CacheOperations.GetOrLoadAsync(cache, "t:4:inside", Read, _ => ValueTask.FromResult(42), CancellationToken.None));
            Assert.False(cache.Store.TryGet<int>("t:4:inside", out _), "a read inside the transaction is not stored");

            _committed = 2;
            await transaction.CommitAsync();
        }

        Assert.False(cache.Store.TryGet<int>("t:4", out _));
        Assert.Equal(2, await LoadAsync(cache, "t:4"));
        Assert.Equal(42, await CacheOperations.GetOrLoadAsync(cache, "t:4:after", Read, _ => ValueTask.FromResult(42), CancellationToken.None));
        Assert.True(cache.Store.TryGet<int>("t:4:after", out _), "after the commit, reads are cached again");
    }

    [Fact]
    public async Task A_transaction_reads_its_own_data_not_the_committed_value_a_reader_outside_cached()
    {
        var cache = new CachingGenCache(new InProcessCacheStore());
        using var scope = new TransactionScope(TransactionScopeAsyncFlowOption.Enabled);
        await CacheOperations.InvalidateAsync(cache, "t:5", Write);
        Assert.Equal(1, await OutsideTheTransaction(() => LoadAsync(cache, "t:5")));

        // Inside, the repository would return the transaction's own write (7), not the committed 1 now in L1.
        Assert.False(CacheOperations.TryGetLocal<int>(cache, "t:5", Read, out _), "a hit inside the transaction would return the value it replaced");
        Assert.Equal(7, await CacheOperations.GetOrLoadAsync(cache, "t:5", Read, _ => ValueTask.FromResult(7), CancellationToken.None));
    }

    [Fact]
    public async Task A_completed_but_not_yet_disposed_scope_neither_throws_nor_stores()
    {
        var cache = new CachingGenCache(new InProcessCacheStore());
        using var scope = new TransactionScope(TransactionScopeAsyncFlowOption.Enabled);
        scope.Complete();

        // Transaction.Current throws here; the cache must not pass that on.
        Assert.Equal(3, await CacheOperations.GetOrLoadAsync(cache, "t:6", Read, _ => ValueTask.FromResult(3), CancellationToken.None));
        await CacheOperations.InvalidateAsync(cache, "t:6", Write);
        Assert.False(cache.Store.TryGet<int>("t:6", out _));
    }

    [Fact]
    public async Task A_nested_cache_transaction_hands_its_invalidations_to_the_outer_one()
    {
        var cache = new CachingGenCache(new InProcessCacheStore());
        await using (var outer = cache.BeginTransaction())
        {
            await using (var inner = cache.BeginTransaction())
            {
                await CacheOperations.InvalidateAsync(cache, "t:7", Write);
                await inner.CommitAsync();
            }

            // Still inside the outer transaction: a reader elsewhere caches the committed (old) value.
            Assert.Equal(1, await OutsideTheTransaction(() => LoadAsync(cache, "t:7")));
            _committed = 2;
            await outer.CommitAsync();
        }

        Assert.Equal(2, await LoadAsync(cache, "t:7"));
    }

    private Task<int> LoadAsync(CachingGenCache cache, string key)
        => CacheOperations.GetOrLoadAsync(cache, key, Read, _ => ValueTask.FromResult(_committed), CancellationToken.None).AsTask();

    /// <summary>Runs <paramref name="read"/> in a flow that does not carry the current transaction (another request).</summary>
    private static Task<T> OutsideTheTransaction<T>(Func<Task<T>> read)
    {
        using (ExecutionContext.SuppressFlow())
        {
            return Task.Run(read);
        }
    }
}
