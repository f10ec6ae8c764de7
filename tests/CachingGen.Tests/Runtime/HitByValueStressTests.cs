namespace CachingGen.Tests.Runtime;

/// <summary>
/// Bounded stress for the hit by value: readers take the generated code's three steps (by value, by key, load) while
/// writers change rows and invalidate them, on the thread pool. A read that starts after an invalidation has returned
/// must see at least the version that invalidation was for, however the threads interleave (the deterministic cases
/// are in <see cref="HitByValueTests"/>).
/// </summary>
public sealed class HitByValueStressTests
{
    private const int Rows = 4;
    // Writes are spaced out (a yield of about a millisecond) so that between two writes the readers load, remember and
    // hit by value: every write then removes an entry the memo holds.
    private const int WritesPerWriter = 300;

    private static readonly CacheMethod Read = CacheMethod.ForCached("Tests.HitByValueStress.Read", "s:<id>", TimeSpan.FromMinutes(1), cacheNulls: true);
    private static readonly CacheMethod Write = CacheMethod.ForInvalidating("Tests.HitByValueStress.Write", "s:<id>");

    private readonly long[] _database = new long[Rows];
    private readonly long[] _invalidated = new long[Rows];
    private int _writersDone;

    [Fact]
    public async Task No_read_that_starts_after_an_invalidation_returned_sees_an_older_version()
    {
        var cache = new CachingGenCache(new InProcessCacheStore());
        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(() => WriteAsync(cache, w)));
        var readers = Enumerable.Range(0, 3).Select(r => Task.Run(() => ReadAsync(cache, r)));

        var stale = (await Task.WhenAll(readers.Concat(writers).ToList())).Sum();

        Assert.Equal(0, stale);
        Assert.Equal(2L * WritesPerWriter, _database.Sum());
        Assert.True(cache.Statistics.Find(Read.Method)!.Hits > 0, "the readers must have hit, or nothing was tested");
    }

    // Each writer owns the rows of its parity, so a row's versions are written by one thread in order.
    private async Task<int> WriteAsync(CachingGenCache cache, int writer)
    {
        for (var i = 0; i < WritesPerWriter; i++)
        {
            var id = (i * 2 + writer) % Rows;
            var version = Interlocked.Increment(ref _database[id]);
            await CacheOperations.InvalidateAsync(cache, "s:" + id, Write);
            Volatile.Write(ref _invalidated[id], version);
            await Task.Delay(1);
        }

        Interlocked.Increment(ref _writersDone);
        return 0;
    }

    private async Task<int> ReadAsync(CachingGenCache cache, int reader)
    {
        var stale = 0;
        // Until both writers are done: bounded by their writes, not by time.
        for (var i = 0; Volatile.Read(ref _writersDone) < 2; i++)
        {
            var id = (i + reader) % Rows;
            var floor = Volatile.Read(ref _invalidated[id]);
            var value = await ReadOnceAsync(cache, id);
            if (value < floor)
            {
                stale++;
            }

            if (i % 100 == 99)
            {
                // A hit completes synchronously: without a yield three readers would keep the writers off both cores.
                await Task.Yield();
            }
        }

        return stale;
    }

    // What the generated code does for a key of one long.
    private async ValueTask<long> ReadOnceAsync(CachingGenCache cache, long id)
    {
        if (CacheOperations.TryGetLocalByValue<long>(cache, Read, id, out var entry))
        {
            return entry.Value;
        }

        var key = "s:" + id;
        if (CacheOperations.TryGetLocal(cache, key, Read, id, out entry))
        {
            return entry.Value;
        }

        return await CacheOperations.GetOrLoadAsync(cache, key, Read, _ => ValueTask.FromResult(Volatile.Read(ref _database[id])), CancellationToken.None);
    }
}
