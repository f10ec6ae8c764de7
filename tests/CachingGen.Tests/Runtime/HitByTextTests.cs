namespace CachingGen.Tests.Runtime;

/// <summary>
/// The hit by value for a key of one string (<c>s:&lt;sku&gt;</c>): found only by the same text, ordinal, never by the
/// hash alone, never after the store dropped or replaced the entry; a null string is never remembered. The integer
/// cases, and the store's side of every removal route, are <see cref="HitByValueTests"/>.
/// </summary>
public sealed class HitByTextTests
{
    private static readonly CacheMethod Read = CacheMethod.ForCached("Tests.HitByText.Read", "s:<sku>", TimeSpan.FromMinutes(1), cacheNulls: true);
    private static readonly CacheMethod Write = CacheMethod.ForInvalidating("Tests.HitByText.Write", "s:<sku>");

    [Fact]
    public void A_string_is_found_by_value_once_a_hit_by_key_has_found_it_and_only_by_the_same_text()
    {
        var cache = new CachingGenCache(new InProcessCacheStore());
        cache.Store.Set("s:sku-1", "one", TimeSpan.FromMinutes(1));

        Assert.False(ByValue(cache, "sku-1", out _), "nothing is remembered before a hit by key");
        Assert.Equal("one", ByKey(cache, "sku-1"));
        Assert.True(ByValue(cache, "sku-1", out var value));
        Assert.Equal("one", value);
        // A copy of the text (another string object) finds it; other casing or white space does not.
        Assert.True(ByValue(cache, new string("sku-1".AsSpan()), out _));
        Assert.False(ByValue(cache, "SKU-1", out _));
        Assert.False(ByValue(cache, "sku-1 ", out _));

        Assert.Equal(3L, cache.Statistics.Find(Read.Method)!.Hits);
    }

    [Fact]
    public async Task After_an_invalidation_or_a_replacement_the_old_entry_is_not_served_by_value()
    {
        var cache = Remembering("sku-1", "old");
        cache.Store.Set("s:sku-1", "new", TimeSpan.FromMinutes(1));
        Assert.False(ByValue(cache, "sku-1", out _), "the replaced entry must not be served");
        Assert.Equal("new", ByKey(cache, "sku-1"));
        Assert.True(ByValue(cache, "sku-1", out var value));
        Assert.Equal("new", value);

        await CacheOperations.InvalidateAsync(cache, "s:sku-1", Write);

        Assert.False(ByValue(cache, "sku-1", out _));
        Assert.Null(ByKey(cache, "sku-1"));
    }

    [Fact]
    public void A_null_string_is_looked_up_by_key_only_and_never_remembered()
    {
        var cache = new CachingGenCache(new InProcessCacheStore());
        var nullKey = "s:" + CacheKeyBuilder.NullToken;
        cache.Store.Set(nullKey, "null's", TimeSpan.FromMinutes(1));

        Assert.True(CacheOperations.TryGetLocal<string>(cache, nullKey, Read, (string?)null, out var entry));
        Assert.Equal("null's", entry.Value);
        Assert.False(CacheOperations.TryGetLocalByValue<string>(cache, Read, (string?)null, out _));
        Assert.Null(cache.CountersFor(Read).TextMemo);
    }

    [Fact]
    public void A_string_never_finds_an_entry_remembered_under_its_hash_alone_or_under_another_text_of_its_slot()
    {
        var store = new InProcessCacheStore();
        store.Set("s:a", "a", TimeSpan.FromMinutes(1));
        store.Set("s:b", "b", TimeSpan.FromMinutes(1));
        Assert.True(store.TryGet<string>("s:a", out var a));
        Assert.True(store.TryGet<string>("s:b", out var b));
        var memo = new ValueMemo();

        // An integer pair equal to the string's hash: the text is what a string is compared by.
        memo.Remember(ValueMemo.HashOf("a"), 0, a);
        Assert.Null(memo.Find("a"));

        // Two texts in one slot of the smallest table: each keeps its own entry (the memo grows to separate them).
        var other = Enumerable.Range(0, 100_000).Select(i => "t" + i)
            .First(t => ValueMemo.SlotOf(ValueMemo.HashOf(t), 0, ValueMemo.InitialSlots) == ValueMemo.SlotOf(ValueMemo.HashOf("a"), 0, ValueMemo.InitialSlots));
        var fresh = new ValueMemo();
        fresh.Remember("a", a);
        fresh.Remember(other, b);
        Assert.Same(a, fresh.Find("a"));
        Assert.Same(b, fresh.Find(other));
        Assert.Null(fresh.Find("b"));
    }

    [Fact]
    public void Inside_a_transaction_nothing_is_served_by_value()
    {
        var cache = Remembering("sku-1", "committed");
        using (cache.BeginTransaction())
        {
            Assert.False(ByValue(cache, "sku-1", out _));
        }
    }

    private static CachingGenCache Remembering(string sku, string value)
    {
        var cache = new CachingGenCache(new InProcessCacheStore());
        cache.Store.Set("s:" + sku, value, TimeSpan.FromMinutes(1));
        Assert.Equal(value, ByKey(cache, sku));
        Assert.True(ByValue(cache, sku, out _), "the hit by key must have been remembered");
        return cache;
    }

    // What the generated code does: the hit by value first, then the key.
    private static bool ByValue(CachingGenCache cache, string sku, out string? value)
    {
        var found = CacheOperations.TryGetLocalByValue<string>(cache, Read, sku, out var entry);
        value = entry?.Value;
        return found;
    }

    private static string? ByKey(CachingGenCache cache, string sku)
        => CacheOperations.TryGetLocal<string>(cache, "s:" + sku, Read, sku, out var entry) ? entry.Value : null;
}
