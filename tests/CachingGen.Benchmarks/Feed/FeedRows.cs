using System.Collections.Concurrent;
using CachingGen.Storage;
using Dapper;
using Npgsql;

namespace CachingGen.Benchmarks.Feed;

public interface IFeedRows
{
    Task<long> ValueAsync(int id);
}

/// <summary>The read the feed keeps fresh: one row by its key, bound exactly (<c>WHERE id = @id</c>).</summary>
public sealed class FeedRows(NpgsqlDataSource db) : IFeedRows
{
    [Cached("00:10:00", "feedbench:row:<id>")]
    public async Task<long> ValueAsync(int id)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.QuerySingleAsync<long>("SELECT v FROM feed_bench WHERE id = @id", new { id });
    }
}

/// <summary>
/// The in-process store, noting when each row's key is removed (UTC ticks): the moment this instance can no longer
/// answer the old value. Measured where it happens, without touching the feed.
/// </summary>
public sealed class RemovalClock(InProcessCacheStore inner) : ICacheStore
{
    private const string Prefix = "feedbench:row:";

    public ConcurrentQueue<(int Id, long Ticks)> Removals { get; } = new();

    public bool TryGet<T>(ReadOnlySpan<char> key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CacheEntry<T>? entry) => inner.TryGet(key, out entry);

    public void Set<T>(string key, T value, TimeSpan ttl) => inner.Set(key, value, ttl);

    public bool Remove(ReadOnlySpan<char> key)
    {
        var now = DateTime.UtcNow.Ticks;
        if (key.StartsWith(Prefix, StringComparison.Ordinal) && int.TryParse(key[Prefix.Length..], out var id))
        {
            Removals.Enqueue((id, now));
        }

        return inner.Remove(key);
    }

    public int RemoveByPrefix(ReadOnlySpan<char> prefix) => inner.RemoveByPrefix(prefix);

    public void Clear() => inner.Clear();
}
