using System.Collections.Generic;
using CachingGen.Distributed;
using CachingGen.Tests.Runtime;
using Microsoft.Extensions.Logging;

namespace CachingGen.Tests.Diagnostics;

/// <summary>During a distributed outage under load, every kind of log line is written at most once per interval.</summary>
public sealed class LogFloodTests
{
    private static readonly ReadAndWrite Methods = ReadAndWrite.On("lf:<id>", "Tests.LogFlood.Read", "Tests.LogFlood.Write");

    [Fact]
    public async Task Replay_failures_during_an_outage_are_logged_once_with_the_count_held_back()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var cache = new CachingGenCache(new InProcessCacheStore(), new DownLevel(), CacheLevels.Both, factory.CreateLogger<CachingGenCache>());

        // A write whose distributed removal fails: pending, and every read of the key tries to replay it.
        await CacheOperations.InvalidateAsync(cache, "lf:1", Methods.Write);
        for (var i = 0; i < 300; i++)
        {
            cache.Store.Clear();
            await CacheOperations.GetOrLoadAsync(cache, "lf:1", Methods.Read, _ => ValueTask.FromResult(i), CancellationToken.None);
            await Task.Yield();
        }

        Assert.Equal(1, cache.PendingInvalidations);
        Assert.Single(logs.Messages, m => m.Contains("replaying distributed invalidations failed", StringComparison.Ordinal));
        Assert.Single(logs.Messages, m => m.Contains("Tests.LogFlood.Write", StringComparison.Ordinal));

        // The first line of the outage has nothing held back, and says nothing of it.
        Assert.DoesNotContain(logs.Messages, m => m.Contains("0 similar", StringComparison.Ordinal));
        Assert.All(logs.Messages, m => Assert.DoesNotContain("not logged", m, StringComparison.Ordinal));
    }

    [Fact]
    public void A_line_after_held_back_ones_counts_them_in_English()
    {
        Assert.Equal(string.Empty, CachingGen.Internals.Diagnostics.HeldBack.Note(0, "fault"));
        Assert.Equal(" 1 similar fault was not logged since the last message.", CachingGen.Internals.Diagnostics.HeldBack.Note(1, "fault"));
        Assert.Equal(" 1,042 similar faults were not logged since the last message.", CachingGen.Internals.Diagnostics.HeldBack.Note(1042, "fault"));
    }

    /// <summary>A distributed level that is down: reads miss (no version), removals fail.</summary>
    private sealed class DownLevel : IDistributedCacheLevel
    {
        public ValueTask<DistributedEntry<T>> TryGetAsync<T>(string key, IReadOnlyList<string> prefixes, uint resultShape, CancellationToken cancellationToken)
            => ValueTask.FromResult(DistributedEntry.Miss<T>("0"));

        public DistributedEntry<T> TryGet<T>(string key, IReadOnlyList<string> prefixes, uint resultShape) => DistributedEntry.Miss<T>("0");

        public Task<bool> SetAsync<T>(string key, T value, TimeSpan ttl, string version, IReadOnlyList<string> prefixes, uint resultShape) => Task.FromResult(false);

        public Task InvalidateAsync(string key) => throw new TimeoutException("Redis is down");

        public Task InvalidatePrefixAsync(string prefix) => throw new TimeoutException("Redis is down");
    }
}
