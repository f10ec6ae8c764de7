using System.Collections.Generic;
using System.IO;
using Balances.Data;
using CachingGen;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CachingGen.Balances.Tests;

/// <summary>The cached repository on real PostgreSQL: no stale read after a write, atomic credits and debits.</summary>
public sealed class RepositoryTests : CachedBalances
{
    [Fact]
    public void The_repository_is_the_generated_decorator()
        => Assert.EndsWith("CachingDecorator", Repository.GetType().Name, StringComparison.Ordinal);

    [Fact]
    public async Task A_credit_shows_in_the_next_user_list_and_total_with_no_stale_read()
    {
        var before = await Repository.FindByUserIdAsync(3);
        var totalBefore = await Repository.TotalBalanceByUserAsync(3);
        var target = before[1];
        Assert.True(Cache.Store.TryGet<IReadOnlyList<Balance>>("balance:user:3", out _), "the list should be cached");

        var credited = await Repository.CreditAsync(target.Ref, 12.5m);

        var after = await Repository.FindByUserIdAsync(3);
        var totalAfter = await Repository.TotalBalanceByUserAsync(3);
        Assert.Equal(target.Amount + 12.5m, credited.Amount);
        Assert.Equal(credited.Amount, after.Single(b => b.Id == target.Id).Amount);
        Assert.Equal(totalBefore - target.UsdValue + credited.UsdValue, totalAfter);
        Assert.Equal(credited.Amount, (await Repository.FindByIdAsync(target.Id))!.Amount);
        Assert.Equal(credited.Amount, (await Repository.FindByAddressAsync(target.Address)).Single().Amount);
        Assert.Equal(credited.Amount, (await Repository.FindByUserIdAndTokenIdAsync(3, target.TokenId))!.Amount);
    }

    [Fact]
    public async Task A_failed_debit_changes_neither_the_database_nor_the_cache()
    {
        var balance = (await Repository.FindByIdAsync(7))!;
        var list = await Repository.FindByUserIdAsync(balance.UserId);

        await Assert.ThrowsAsync<InsufficientFundsException>(() => Repository.DebitAsync(balance.Ref, balance.Amount + 1m));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Repository.DebitAsync(balance.Ref, -1m));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Repository.CreditAsync(balance.Ref, 0m));

        Assert.Equal(balance.Amount, await Db.AmountAsync(7));
        Assert.True(Cache.Store.TryGet<Balance?>("balance:7", out var cached));
        Assert.Equal(balance, cached.Value);
        Assert.True(Cache.Store.TryGet<IReadOnlyList<Balance>>($"balance:user:{balance.UserId}", out var cachedList));
        Assert.Same(list, cachedList.Value);
    }

    [Fact]
    public async Task A_debit_to_exactly_zero_succeeds_and_one_more_is_refused()
    {
        var balance = (await Repository.FindByIdAsync(8))!;

        var emptied = await Repository.DebitAsync(balance.Ref, balance.Amount);
        await Assert.ThrowsAsync<InsufficientFundsException>(() => Repository.DebitAsync(balance.Ref, 0.000001m));

        Assert.Equal(0m, emptied.Amount);
        Assert.Equal(0m, (await Repository.FindByIdAsync(8))!.Amount);
    }

    [Fact]
    public async Task Fifty_concurrent_credits_on_one_balance_sum_exactly()
    {
        var balance = (await Repository.FindByIdAsync(10))!;

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            await using var scope = CreateScope();
            await scope.ServiceProvider.GetRequiredService<IBalanceRepository>().CreditAsync(balance.Ref, 0.01m);
        })));

        Assert.Equal(balance.Amount + 0.50m, await Db.AmountAsync(10));
        Assert.Equal(balance.Amount + 0.50m, (await Repository.FindByIdAsync(10))!.Amount);
    }

    [Fact]
    public async Task Paginated_reads_are_never_cached()
    {
        var first = await Repository.GetByUserAsync(4, limit: 2, offset: 0);
        await using (var connection = await Db.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("UPDATE balances SET amount = amount + 1000 WHERE user_id = 4");
        }

        var second = await Repository.GetByUserAsync(4, limit: 2, offset: 0);

        Assert.Equal(2, first.Count);
        Assert.Equal(first.Select(b => b.Amount + 1000m), second.Select(b => b.Amount));
        Assert.DoesNotContain(Cache.Statistics.GetSnapshot(), m => m.Method.EndsWith("GetByUserAsync", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_and_delete_invalidate_the_users_keys()
    {
        var before = await Repository.FindByUserIdAsync(5);

        var created = await Repository.CreateAsync(5, 1, "0xnew", 3m, 4.5m);
        var afterCreate = await Repository.FindByUserIdAsync(5);
        await Repository.DeleteAsync(created.Ref);
        var afterDelete = await Repository.FindByUserIdAsync(5);

        Assert.Equal(before.Count + 1, afterCreate.Count);
        Assert.Equal(before.Count, afterDelete.Count);
        Assert.Null(await Repository.FindByIdAsync(created.Id));
    }

    [Fact]
    public async Task Verify_indexes_passes_on_the_migrated_schema()
    {
        var output = new StringWriter();

        var problems = await IndexVerifier.VerifyAsync(Db.DataSource, output);

        Assert.Empty(problems);
        Assert.Contains("TotalBalanceByUser       uses idx_balances_user_usd", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_indexes_names_a_missing_index()
    {
        await using (var connection = await Db.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("DROP INDEX idx_balances_address");
        }

        var problems = await IndexVerifier.VerifyAsync(Db.DataSource, TextWriter.Null);

        Assert.Contains("index idx_balances_address is missing; run the migrations", problems);
        Assert.Contains(problems, p => p.StartsWith("FindByAddress does not use idx_balances_address", StringComparison.Ordinal));
    }
}
