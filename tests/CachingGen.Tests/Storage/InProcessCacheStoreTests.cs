using Microsoft.Extensions.Time.Testing;

namespace CachingGen.Tests.Storage;

public sealed class InProcessCacheStoreTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Entry_is_found_by_span_until_its_ttl_passes()
    {
        var store = new InProcessCacheStore(new InProcessCacheStoreOptions { TimeProvider = _time });
        store.Set("k:1", "v", TimeSpan.FromSeconds(10));

        Assert.True(store.TryGet<string>("k:1".AsSpan(), out var entry));
        Assert.Equal("v", entry.Value);

        _time.Advance(TimeSpan.FromSeconds(9.9));
        Assert.True(store.TryGet<string>("k:1".AsSpan(), out _));

        _time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.False(store.TryGet<string>("k:1".AsSpan(), out _));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void Entry_of_another_type_is_a_miss()
    {
        var store = new InProcessCacheStore();
        store.Set("k", 42, TimeSpan.FromMinutes(1));

        Assert.False(store.TryGet<string>("k".AsSpan(), out _));
        Assert.True(store.TryGet<int>("k".AsSpan(), out var entry));
        Assert.Equal(42, entry.Value);
    }

    [Fact]
    public void Set_replaces_and_remove_drops_exactly_one_key()
    {
        var store = new InProcessCacheStore();
        store.Set("a", 1, TimeSpan.FromMinutes(1));
        store.Set("a", 2, TimeSpan.FromMinutes(1));
        store.Set("ab", 3, TimeSpan.FromMinutes(1));

        Assert.Equal(2, store.Count);
        Assert.True(store.Remove("a".AsSpan()));
        Assert.False(store.Remove("a".AsSpan()));
        Assert.False(store.TryGet<int>("a".AsSpan(), out _));
        Assert.True(store.TryGet<int>("ab".AsSpan(), out var ab));
        Assert.Equal(3, ab.Value);
    }

    [Fact]
    public void Size_bound_evicts_expired_then_least_recently_read_entries()
    {
        var store = new InProcessCacheStore(new InProcessCacheStoreOptions { TimeProvider = _time, MaxEntries = 100, CompactionPercentage = 0.2 });
        store.Set("short", 0, TimeSpan.FromSeconds(1));
        for (var i = 0; i < 99; i++)
        {
            store.Set($"k{i}", i, TimeSpan.FromHours(1));
            _time.Advance(TimeSpan.FromMilliseconds(10));
        }

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(store.TryGet<int>("k0".AsSpan(), out _)); // read recently: must survive
        store.Set("one-too-many", 1, TimeSpan.FromHours(1));

        Assert.True(store.Count <= 80, $"count {store.Count}");
        Assert.False(store.TryGet<int>("short".AsSpan(), out _));
        Assert.True(store.TryGet<int>("k0".AsSpan(), out _));
        Assert.True(store.TryGet<int>("one-too-many".AsSpan(), out _));
        Assert.False(store.TryGet<int>("k1".AsSpan(), out _));
    }

    [Fact]
    public void Memory_stays_bounded_under_many_distinct_keys()
    {
        var store = new InProcessCacheStore(new InProcessCacheStoreOptions { MaxEntries = 1_000 });
        for (var i = 0; i < 50_000; i++)
        {
            store.Set($"key:{i}", i, TimeSpan.FromHours(1));
        }

        Assert.InRange(store.Count, 1, 1_000);
    }

    [Fact]
    public void Clear_removes_everything()
    {
        var store = new InProcessCacheStore();
        store.Set("a", 1, TimeSpan.FromMinutes(1));
        store.Set("b", 2, TimeSpan.FromMinutes(1));

        store.Clear();

        Assert.Equal(0, store.Count);
        Assert.False(store.TryGet<int>("a".AsSpan(), out _));
    }

    [Fact]
    public void Invalid_options_are_rejected_with_a_clear_message()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new InProcessCacheStore(new InProcessCacheStoreOptions { MaxEntries = 0 }));
        Assert.Contains("MaxEntries", ex.Message, StringComparison.Ordinal);
    }
}
