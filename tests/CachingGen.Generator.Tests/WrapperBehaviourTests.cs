using System.Globalization;
using CachingGen.Generator.Tests.Contracts;
using CachingGen.Storage;

namespace CachingGen.Generator.Tests;

/// <summary>
/// The generated decorators, compiled from user source in memory and run: cache-aside semantics, keys,
/// invalidation, and faults.
/// </summary>
public sealed class WrapperBehaviourTests(CompiledSample sample) : IClassFixture<CompiledSample>
{
    [Fact]
    public async Task Miss_calls_the_repository_and_the_next_call_is_a_hit()
    {
        var f = sample.Accounts();
        var first = await f.Repository.FindAsync(1);
        var second = await f.Repository.FindAsync(1);

        Assert.Equal("account 1 v1", first);
        Assert.Equal(first, second);
        Assert.Equal(1, f.Backend.Calls("FindAsync"));
        var counters = f.Method("s_findAsync");
        Assert.Equal((1, 1), (counters.Hits, counters.Misses));
    }

    [Fact]
    public async Task Hits_on_a_Task_method_share_one_completed_task()
    {
        var f = sample.Accounts();
        await f.Repository.ByUserAsync(5);

        var hit1 = f.Repository.ByUserAsync(5);
        var hit2 = f.Repository.ByUserAsync(5);

        Assert.True(hit1.IsCompletedSuccessfully);
        Assert.Same(hit1, hit2);
        Assert.Equal(["a5", "b5"], await hit1);
        Assert.Equal(1, f.Backend.Calls("ByUserAsync"));
    }

    [Fact]
    public async Task ValueTask_method_is_cached()
    {
        var f = sample.Accounts();

        var first = await f.Repository.TotalAsync(2);
        var second = f.Repository.TotalAsync(2);

        Assert.True(second.IsCompletedSuccessfully);
        Assert.Equal(first, await second);
        Assert.Equal(4m, first);
        Assert.Equal(1, f.Backend.Calls("TotalAsync"));
    }

    [Fact]
    public async Task Entry_expires_after_its_ttl()
    {
        var f = sample.Accounts();
        await f.Repository.FindAsync(3);

        f.Time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.Equal("account 3 v1", await f.Repository.FindAsync(3));
        Assert.Equal(1, f.Backend.Calls("FindAsync"));

        f.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("account 3 v2", await f.Repository.FindAsync(3));
        Assert.Equal(2, f.Backend.Calls("FindAsync"));
    }

    [Fact]
    public async Task Null_results_are_cached_by_default_and_not_when_turned_off()
    {
        var f = sample.Accounts();

        Assert.Null(await f.Repository.FindAsync(-1));
        Assert.Null(await f.Repository.FindAsync(-1));
        Assert.Equal(1, f.Backend.Calls("FindAsync"));

        Assert.Null(await f.Repository.FindNoNullCachingAsync(1));
        Assert.Null(await f.Repository.FindNoNullCachingAsync(1));
        Assert.Equal(2, f.Backend.Calls("FindNoNullCachingAsync"));
    }

    [Fact]
    public async Task Successful_write_invalidates_every_listed_key()
    {
        var f = sample.Accounts();
        await f.Repository.FindAsync(10);
        await f.Repository.ByUserAsync(20);
        await f.Repository.TotalAsync(20);

        await f.Repository.UpdateAsync(10, 20);

        Assert.Equal("account 10 v2", await f.Repository.FindAsync(10));
        await f.Repository.ByUserAsync(20);
        await f.Repository.TotalAsync(20);
        Assert.Equal(2, f.Backend.Calls("ByUserAsync"));
        Assert.Equal(2, f.Backend.Calls("TotalAsync"));
        Assert.Equal(3, f.Method("s_updateAsync").Invalidations);
    }

    [Fact]
    public async Task A_hit_found_by_its_id_alone_ends_at_the_write_that_invalidates_it()
    {
        // "account:<id>" holds one long: the third call is found by the id (no key built), as the second one remembered it.
        var f = sample.Accounts();
        await f.Repository.FindAsync(11);
        await f.Repository.FindAsync(11);
        Assert.Equal("account 11 v1", await f.Repository.FindAsync(11));
        Assert.Equal((2, 1), (f.Method("s_findAsync").Hits, f.Method("s_findAsync").Misses));

        await f.Repository.UpdateAsync(11, 21);

        Assert.Equal("account 11 v2", await f.Repository.FindAsync(11));
        Assert.Equal("account 11 v2", await f.Repository.FindAsync(11));
        Assert.Equal(2, f.Backend.Calls("FindAsync"));
    }

    [Fact]
    public async Task Failed_write_invalidates_nothing_and_its_exception_reaches_the_caller()
    {
        var f = sample.Accounts();
        await f.Repository.FindAsync(11);
        f.Backend.ThrowNext = new InvalidOperationException("constraint violated");

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => f.Repository.UpdateAsync(11, 21));

        Assert.Equal("constraint violated", ex.Message);
        Assert.Equal("account 11 v1", await f.Repository.FindAsync(11));
        Assert.Equal(1, f.Backend.Calls("FindAsync"));
    }

    [Fact]
    public async Task Exception_from_a_cached_method_propagates_and_nothing_is_stored()
    {
        var f = sample.Accounts();
        f.Backend.ThrowNext = new TimeoutException("db");

        await Assert.ThrowsAsync<TimeoutException>(() => f.Repository.FindAsync(12));
        Assert.Equal("account 12 v2", await f.Repository.FindAsync(12));
        Assert.Equal("account 12 v2", await f.Repository.FindAsync(12));
        Assert.Equal(2, f.Backend.Calls("FindAsync"));
    }

    [Fact]
    public async Task Void_sync_and_ValueTask_invalidating_methods_invalidate_after_success()
    {
        var f = sample.Accounts();
        await f.Repository.FindAsync(13);
        f.Repository.Touch(13);
        await f.Repository.FindAsync(13);
        Assert.Equal(3, f.Repository.TouchAndCount(13, 1));
        await f.Repository.FindAsync(13);
        Assert.Equal(7, await f.Repository.UpdateValueAsync(13));
        await f.Repository.FindAsync(13);

        Assert.Equal(4, f.Backend.Calls("FindAsync"));
    }

    [Fact]
    public void Multi_parameter_keys_distinguish_every_argument_and_null_from_empty()
    {
        var f = sample.Accounts();

        Assert.Equal("1/x", f.Repository.Describe(1, "x"));
        Assert.Equal("1/y", f.Repository.Describe(1, "y"));
        Assert.Equal("2/x", f.Repository.Describe(2, "x"));
        Assert.Equal("1/null", f.Repository.Describe(1, null));
        Assert.Equal("1/", f.Repository.Describe(1, string.Empty));
        Assert.Equal("1/x", f.Repository.Describe(1, "x"));

        Assert.Equal(5, f.Backend.Calls("Describe"));
        Assert.NotEqual(sample.Key("AccountsRepository", "DescribeAB", 1, null), sample.Key("AccountsRepository", "DescribeAB", 1, string.Empty));
    }

    [Fact]
    public void Values_with_separators_or_wildcards_cannot_forge_another_key()
    {
        var f = sample.Accounts();
        Assert.Equal("a:b|c", f.Repository.Name("a:b", "c"));
        Assert.Equal("a|b:c", f.Repository.Name("a", "b:c"));
        Assert.Equal("(null)|", f.Repository.Name(null, string.Empty));
        Assert.Equal("|(null)", f.Repository.Name(string.Empty, null));
        Assert.Equal(4, f.Backend.Calls("Name"));

        Assert.Equal("name:a\\:b:c", sample.Key("AccountsRepository", "NameFirstLast", "a:b", "c"));
        Assert.Equal("name:a:b\\:c", sample.Key("AccountsRepository", "NameFirstLast", "a", "b:c"));
        Assert.Equal("name:\\*:\\\\0", sample.Key("AccountsRepository", "NameFirstLast", "*", "\\0"));
        Assert.Equal("name:\\0:", sample.Key("AccountsRepository", "NameFirstLast", null, string.Empty));
    }

    [Fact]
    public void Keys_are_formatted_with_the_invariant_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("de-DE");
            Assert.Equal("price:1234.5", sample.Key("AccountsRepository", "PriceAmount", 1234.5m));

            var when = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
            var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
            Assert.Equal(
                "at:2026-01-02T03\\:04\\:05.0000000Z:0f8fad5b-d9cb-469f-a165-70867728950e:true:South:\\0",
                sample.Key("AccountsRepository", "AtWhenIdFlagRegionMaybe", when, id, true, Region.South, null));
            Assert.EndsWith(":North:42", sample.Key("AccountsRepository", "AtWhenIdFlagRegionMaybe", when, id, false, Region.North, 42), StringComparison.Ordinal);

            var f = sample.Accounts();
            Assert.Equal("1.5", f.Repository.Price(1.5m));
            Assert.Equal("1.5", f.Repository.Price(1.5m));
            Assert.Equal(1, f.Backend.Calls("Price"));
        }
        finally
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public async Task Member_path_keys_read_nested_members_and_survive_nulls()
    {
        var f = sample.Orders();
        var order = new Order { Customer = new Customer { Id = 7, Email = "x@y.z" }, Region = Region.North };
        var noCustomer = new Order { Customer = null, Region = Region.North };

        Assert.Equal("orders of 7", await f.Repository.ForCustomerAsync(order));
        Assert.Equal("orders of 7", await f.Repository.ForCustomerAsync(new Order { Customer = new Customer { Id = 7, Email = "x@y.z" }, Region = Region.North }));
        Assert.Equal("orders of ", await f.Repository.ForCustomerAsync(noCustomer));
        await f.Repository.ForCustomerAsync(new Order { Customer = order.Customer, Region = Region.South });

        Assert.Equal(3, f.Backend.Calls("ForCustomerAsync"));
        Assert.Equal("orders:7:North:x@y.z", sample.Key("OrdersRepository", "OrdersOrderCustomerIdOrderRegionOrderCustomerEmail", order));
        Assert.Equal("orders:\\0:North:\\0", sample.Key("OrdersRepository", "OrdersOrderCustomerIdOrderRegionOrderCustomerEmail", noCustomer));
    }

    [Fact]
    public void Overloads_get_their_own_keys_and_counters()
    {
        var f = sample.Orders();
        Assert.Equal("id 1", f.Repository.Get(1));
        Assert.Equal("name 1", f.Repository.Get("1"));
        Assert.Equal("id 1", f.Repository.Get(1));
        Assert.Equal("name 1", f.Repository.Get("1"));

        Assert.Equal(1, f.Backend.Calls("Get(int)"));
        Assert.Equal(1, f.Backend.Calls("Get(string)"));
        Assert.NotSame(f.Descriptor("s_get"), f.Descriptor("s_get_"));
        Assert.Equal((1, 1), (f.Method("s_get").Hits, f.Method("s_get").Misses));
        Assert.Equal((1, 1), (f.Method("s_get_").Hits, f.Method("s_get_").Misses));
    }

    [Fact]
    public void Members_without_attributes_are_forwarded()
    {
        var f = sample.Accounts();
        Assert.Equal(6, f.Repository.NotAnnotated(3));
        Assert.Equal("item 4", f.Repository[4]);
        f.Repository.Label = "changed";
        Assert.Equal("changed", f.Repository.Label);
    }

    [Fact]
    public async Task A_failing_store_is_never_seen_by_the_caller_and_is_counted()
    {
        var f = sample.Accounts(new ThrowingStore());
        Assert.Equal("account 30 v1", await f.Repository.FindAsync(30));
        Assert.Equal("account 30 v2", await f.Repository.FindAsync(30));
        await f.Repository.UpdateAsync(30, 31);
        Assert.Equal(16m, await f.Repository.TotalAsync(10));

        Assert.Equal(2, f.Backend.Calls("FindAsync"));
        Assert.Equal(4, f.Method("s_findAsync").Errors);
        Assert.Equal(3, f.Method("s_updateAsync").Errors);
    }

    private sealed class ThrowingStore : ICacheStore
    {
        public bool TryGet<T>(ReadOnlySpan<char> key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CacheEntry<T>? entry) => throw new InvalidOperationException("store down");

        public void Set<T>(string key, T value, TimeSpan ttl) => throw new TimeoutException("store timeout");

        public bool Remove(ReadOnlySpan<char> key) => throw new InvalidOperationException("store down");

        public int RemoveByPrefix(ReadOnlySpan<char> prefix) => throw new InvalidOperationException("store down");

        public void Clear() => throw new InvalidOperationException("store down");
    }
}
