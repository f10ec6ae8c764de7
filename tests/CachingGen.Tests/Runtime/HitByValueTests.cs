using System.Collections.Generic;
using Microsoft.Extensions.Time.Testing;

namespace CachingGen.Tests.Runtime;

/// <summary>
/// The hit by value (a key with one integer value: the entry that value found last, no key text built) serves exactly what
/// the ordinary look-up by key would serve at that moment: never an entry the store has dropped, replaced or let expire,
/// never another value's or another cache's entry. Each test makes the store change under a remembered entry.
/// </summary>
public sealed class HitByValueTests
{
    private static readonly CacheMethod Read = CacheMethod.ForCached("Tests.HitByValue.Read", "v:<id>", TimeSpan.FromMinutes(1), cacheNulls: true);
    private static readonly CacheMethod Write = CacheMethod.ForInvalidating("Tests.HitByValue.Write", "v:<id>");

    [Fact]
    public void A_value_is_found_by_value_once_a_hit_by_key_has_found_it_and_both_hits_are_counted()
    {
        var cache = new CachingGenCache(new InProcessCacheStore());
        cache.Store.Set("v:7", "seven", TimeSpan.FromMinutes(1));

        Assert.False(ByValue(cache, 7, out _), "nothing is remembered before a hit by key");
        Assert.Equal("seven", ByKey(cache, 7));
        Assert.True(ByValue(cache, 7, out var value));
        Assert.Equal("seven", value);
        Assert.False(ByValue(cache, 8, out _), "another value finds nothing");

        Assert.Equal(2L, cache.Statistics.Find(Read.Method)!.Hits);
    }

    [Fact]
    public async Task After_an_invalidation_returns_the_value_finds_nothing_by_value_or_by_key()
    {
        var cache = Remembering(7, "old");

        await CacheOperations.InvalidateAsync(cache, "v:7", Write);

        Assert.False(ByValue(cache, 7, out _));
        Assert.Null(ByKey(cache, 7));
    }

    [Fact]
    public void A_replaced_value_is_served_only_once_the_key_has_found_the_new_one()
    {
        var cache = Remembering(7, "old");

        cache.Store.Set("v:7", "new", TimeSpan.FromMinutes(1));

        Assert.False(ByValue(cache, 7, out _), "the replaced entry must not be served");
        Assert.Equal("new", ByKey(cache, 7));
        Assert.True(ByValue(cache, 7, out var value));
        Assert.Equal("new", value);
    }

    [Fact]
    public void An_entry_past_its_TTL_is_not_served_by_value()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var cache = new CachingGenCache(new InProcessCacheStore(new InProcessCacheStoreOptions { TimeProvider = time }));
        cache.Store.Set("v:7", "seven", TimeSpan.FromSeconds(30));
        Assert.Equal("seven", ByKey(cache, 7));

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.True(ByValue(cache, 7, out _));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(ByValue(cache, 7, out _), "30 s after the store, the TTL is over");
    }

    [Theory]
    [InlineData("remove")]
    [InlineData("prefix")]
    [InlineData("clear")]
    [InlineData("evict")]
    public void Every_way_the_store_drops_an_entry_stops_its_hit_by_value(string how)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new InProcessCacheStore(new InProcessCacheStoreOptions { MaxEntries = 2, CompactionPercentage = 0.5, TimeProvider = time });
        var cache = new CachingGenCache(store);
        cache.Store.Set("v:7", "seven", TimeSpan.FromMinutes(1));
        Assert.Equal("seven", ByKey(cache, 7));

        switch (how)
        {
            case "remove": store.Remove("v:7"); break;
            case "prefix": store.RemoveByPrefix("v:"); break;
            case "clear": store.Clear(); break;
            default:
                // Two newer entries: the store is over its bound and evicts the least recently read, v:7 first.
                time.Advance(TimeSpan.FromSeconds(1));
                store.Set("v:8", "eight", TimeSpan.FromMinutes(1));
                time.Advance(TimeSpan.FromSeconds(1));
                store.Set("v:9", "nine", TimeSpan.FromMinutes(1));
                Assert.False(store.TryGet<string>("v:7", out _), "the eviction test needs v:7 evicted");
                break;
        }

        Assert.False(ByValue(cache, 7, out _));
    }

    [Fact]
    public void An_entry_removed_between_the_key_hit_and_its_remembering_is_not_served()
    {
        // The interleaving a racing invalidation can make: the hit by key found the entry, the removal ran, then the
        // entry was remembered.
        var store = new InProcessCacheStore();
        store.Set("v:7", "old", TimeSpan.FromMinutes(1));
        Assert.True(store.TryGet<string>("v:7", out var found));
        store.Remove("v:7");
        var memo = new ValueMemo();
        memo.Remember(7, 0, found);

        Assert.Same(found, memo.Find(7, 0));
        Assert.False(store.TryServe<string>(memo.Find(7, 0)!, out _), "the store must refuse an entry it no longer holds");
    }

    [Fact]
    public void Two_templates_that_give_one_key_text_keep_their_own_values()
    {
        // "v:<id>" with 123 and "v:1<n>" with 23 both give "v:123": one entry, remembered under a different value by each.
        var other = CacheMethod.ForCached("Tests.HitByValue.Other", "v:1<n>", TimeSpan.FromMinutes(1), cacheNulls: true);
        var cache = new CachingGenCache(new InProcessCacheStore());
        cache.Store.Set("v:123", "one-two-three", TimeSpan.FromMinutes(1));
        Assert.Equal("one-two-three", ByKey(cache, 123));
        Assert.True(CacheOperations.TryGetLocal<string>(cache, "v:123", other, 23, out _));

        Assert.True(CacheOperations.TryGetLocalByValue<string>(cache, other, 23, out _));
        Assert.False(ByValue(cache, 23, out _), "v:<id> with 23 is the key v:23, which holds nothing");
        Assert.True(ByValue(cache, 123, out _));
    }

    [Fact]
    public void Two_caches_in_one_process_do_not_share_what_they_remember()
    {
        var first = Remembering(7, "first");
        var second = new CachingGenCache(new InProcessCacheStore());

        Assert.False(ByValue(second, 7, out _));
        second.Store.Set("v:7", "second", TimeSpan.FromMinutes(1));
        Assert.False(ByValue(second, 7, out _), "the second cache has had no hit by key yet");
        Assert.Equal("second", ByKey(second, 7));
        Assert.True(ByValue(second, 7, out var value));
        Assert.Equal("second", value);
        Assert.True(ByValue(first, 7, out var firstValue));
        Assert.Equal("first", firstValue);
    }

    [Fact]
    public void Inside_a_transaction_nothing_is_served_by_value()
    {
        var cache = Remembering(7, "committed");
        using (cache.BeginTransaction())
        {
            // The transaction's own writes may have replaced the value: its reads skip the in-process level.
            Assert.False(ByValue(cache, 7, out _));
        }
    }

    [Fact]
    public void Two_values_that_share_a_slot_grow_the_memo_and_each_keeps_its_own_entry()
    {
        var store = new InProcessCacheStore();
        var (one, other, shared) = TwoEntriesSharingASlot(store, ValueMemo.InitialSlots);
        var memo = new ValueMemo();

        memo.Remember(1, 0, one);
        memo.Remember(shared, 0, other);

        Assert.Same(one, memo.Find(1, 0));
        Assert.Same(other, memo.Find(shared, 0));
        Assert.True(memo.Capacity > ValueMemo.InitialSlots, "the memo grows to separate two live values");
    }

    [Fact]
    public void At_its_largest_the_memo_keeps_the_live_value_and_the_other_takes_the_ordinary_path()
    {
        var store = new InProcessCacheStore();
        var (one, other, shared) = TwoEntriesSharingASlot(store, ValueMemo.MaxSlots);
        var memo = new ValueMemo();
        memo.Remember(1, 0, one);

        memo.Remember(shared, 0, other);

        Assert.Equal(ValueMemo.MaxSlots, memo.Capacity);
        Assert.Same(one, memo.Find(1, 0));
        Assert.Null(memo.Find(shared, 0));

        // Once value 1's entry is dropped, the slot goes to the other value.
        store.Remove("v:1");
        memo.Remember(shared, 0, other);
        Assert.Same(other, memo.Find(shared, 0));
        Assert.Null(memo.Find(1, 0));
    }

    [Fact]
    public void Many_values_never_find_another_value_s_entry_and_the_memo_stops_at_its_largest()
    {
        var store = new InProcessCacheStore();
        var memo = new ValueMemo();
        var entries = new Dictionary<long, CacheEntry>();
        for (long v = 0; v < 5_000; v++)
        {
            store.Set("v:" + v, v, TimeSpan.FromMinutes(1));
            Assert.True(store.TryGet<long>("v:" + v, out var entry));
            entries[v] = entry;
            memo.Remember(v, 0, entry);
        }

        Assert.Equal(ValueMemo.MaxSlots, memo.Capacity);
        Assert.All(entries, pair => Assert.True(memo.Find(pair.Key, 0) is null || ReferenceEquals(memo.Find(pair.Key, 0), pair.Value)));
        Assert.InRange(entries.Count(pair => memo.Find(pair.Key, 0) is not null), ValueMemo.MaxSlots / 2, ValueMemo.MaxSlots);
    }

    [Fact]
    public void A_key_of_two_values_is_found_by_both_and_by_neither_alone()
    {
        var pair = CacheMethod.ForCached("Tests.HitByValue.Pair", "p:<a>:<b>", TimeSpan.FromMinutes(1), cacheNulls: true);
        var cache = new CachingGenCache(new InProcessCacheStore());
        cache.Store.Set("p:1:2", "one-two", TimeSpan.FromMinutes(1));
        Assert.True(CacheOperations.TryGetLocal<string>(cache, "p:1:2", pair, 1, 2, out _));

        Assert.True(CacheOperations.TryGetLocalByValue<string>(cache, pair, 1, 2, out var entry));
        Assert.Equal("one-two", entry.Value);
        Assert.False(CacheOperations.TryGetLocalByValue<string>(cache, pair, 2, 1, out _), "(2, 1) is the key p:2:1");
        Assert.False(CacheOperations.TryGetLocalByValue<string>(cache, pair, 1, 0, out _));

        cache.Store.Remove("p:1:2");
        Assert.False(CacheOperations.TryGetLocalByValue<string>(cache, pair, 1, 2, out _));
    }

    [Fact]
    public void A_GUID_key_is_found_by_its_GUID_and_not_by_another()
    {
        var byGuid = CacheMethod.ForCached("Tests.HitByValue.Guid", "g:<id>", TimeSpan.FromMinutes(1), cacheNulls: true);
        var id = Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff");
        var cache = new CachingGenCache(new InProcessCacheStore());
        cache.Store.Set("g:" + id, "guid", TimeSpan.FromMinutes(1));
        Assert.True(CacheOperations.TryGetLocal<string>(cache, "g:" + id, byGuid, id, out _));

        Assert.True(CacheOperations.TryGetLocalByValue<string>(cache, byGuid, id, out var entry));
        Assert.Equal("guid", entry.Value);
        Assert.False(CacheOperations.TryGetLocalByValue<string>(cache, byGuid, Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964fe"), out _));

        cache.Store.Set("g:" + id, "replaced", TimeSpan.FromMinutes(1));
        Assert.False(CacheOperations.TryGetLocalByValue<string>(cache, byGuid, id, out _));
    }

    // Entries for the values 1 and another value that share a slot in a table of `slots` slots (and so in every smaller one).
    private static (CacheEntry One, CacheEntry Other, long Shared) TwoEntriesSharingASlot(InProcessCacheStore store, int slots)
    {
        var shared = Enumerable.Range(2, 1_000_000).Select(v => (long)v).First(v => ValueMemo.SlotOf(v, 0, slots) == ValueMemo.SlotOf(1, 0, slots));
        store.Set("v:1", "one", TimeSpan.FromMinutes(1));
        store.Set("v:" + shared, "other", TimeSpan.FromMinutes(1));
        Assert.True(store.TryGet<string>("v:1", out var one));
        Assert.True(store.TryGet<string>("v:" + shared, out var other));
        return (one, other, shared);
    }

    [Fact]
    public void A_GUID_and_an_integer_of_one_method_never_find_each_other_s_entry()
    {
        // Overloads of one method share its descriptor; this GUID's halves are (5, 0), the integer 5's value.
        var guid = new Guid(5, 0, 0, new byte[8]);
        var cache = new CachingGenCache(new InProcessCacheStore());
        cache.Store.Set("v:" + guid, "guid", TimeSpan.FromMinutes(1));
        Assert.True(CacheOperations.TryGetLocal<string>(cache, "v:" + guid, Read, guid, out _));
        Assert.True(CacheOperations.TryGetLocalByValue<string>(cache, Read, guid, out _));

        Assert.False(ByValue(cache, 5, out _), "the integer 5 is the key v:5, which holds nothing");
    }

    [Fact]
    public void A_dropped_entry_is_let_go_by_the_memo_once_its_value_is_asked_for()
    {
        var cache = Remembering(7, "old");
        var memo = MemoOf(cache);
        Assert.NotNull(memo?.Find(7, 0));

        cache.Store.Remove("v:7");
        Assert.False(ByValue(cache, 7, out _));

        Assert.Null(memo!.Find(7, 0));
    }

    private static CachingGenCache Remembering(long id, string value)
    {
        var cache = new CachingGenCache(new InProcessCacheStore());
        cache.Store.Set("v:" + id, value, TimeSpan.FromMinutes(1));
        Assert.Equal(value, ByKey(cache, id));
        Assert.True(ByValue(cache, id, out _), "the hit by key must have been remembered");
        return cache;
    }

    // The method's integer memo in the cache: the counters are the cache's own per-method state.
    private static ValueMemo? MemoOf(CachingGenCache cache) => cache.CountersFor(Read).Memo(guid: false);

    // What the generated code does: the hit by value first, then the key.
    private static bool ByValue(CachingGenCache cache, long id, out string? value)
    {
        var found = CacheOperations.TryGetLocalByValue<string>(cache, Read, id, out var entry);
        value = entry?.Value;
        return found;
    }

    private static string? ByKey(CachingGenCache cache, long id)
        => CacheOperations.TryGetLocal<string>(cache, "v:" + id, Read, id, out var entry) ? entry.Value : null;
}
