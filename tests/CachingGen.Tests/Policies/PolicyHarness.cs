using System.Runtime.CompilerServices;
using CachingGen.Distributed;
using Microsoft.Extensions.Time.Testing;

namespace CachingGen.Tests.Policies;

/// <summary>
/// A cache whose store and policies run on one <see cref="FakeTimeProvider"/>, and the calls generated code makes on it:
/// the hit probe (with the refresh-ahead step the generator writes for <c>RefreshAhead</c>) and the miss path.
/// </summary>
internal sealed class PolicyHarness
{
    public PolicyHarness(IDistributedCacheLevel? level = null)
    {
        Store = new InProcessCacheStore(new InProcessCacheStoreOptions { TimeProvider = Time });
        Cache = new CachingGenCache(Store, level, level is null ? CacheLevels.LocalOnly : CacheLevels.Both, timeProvider: Time);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero));

    public InProcessCacheStore Store { get; }

    public CachingGenCache Cache { get; }

    /// <summary>A descriptor named after the calling test, so tests never share one through the process-wide table.</summary>
    public static CacheMethod Method(CachePolicy policy, TimeSpan ttl, bool cacheNulls = true, [CallerMemberName] string test = "")
        => CacheMethod.ForCached("Tests.Policies." + test, "p:<id>", ttl, cacheNulls, policy: policy);

    /// <summary>What a generated method does: a hit (starting a refresh when due), or the miss path through <paramref name="load"/>.</summary>
    public ValueTask<T> CallAsync<T>(CacheMethod method, string key, Func<CancellationToken, ValueTask<T>> load, CancellationToken cancellationToken = default)
    {
        if (CacheOperations.TryGetLocal<T>(Cache, key, method, out var entry))
        {
            if (entry.RefreshDue)
            {
                CacheOperations.RefreshAhead(Cache, key, method, entry, load);
            }

            return new ValueTask<T>(entry.Value);
        }

        return CacheOperations.GetOrLoadAsync(Cache, key, method, load, cancellationToken);
    }

    /// <summary>A first call of <paramref name="key"/>: a miss whose load returns <paramref name="value"/>, which the cache then holds.</summary>
    public ValueTask<T> StoreAsync<T>(CacheMethod method, string key, T value) => CallAsync(method, key, _ => ValueTask.FromResult(value));

    /// <summary>The synchronous form.</summary>
    public T Call<T>(CacheMethod method, string key, Func<T> load)
        => CacheOperations.TryGetLocal<T>(Cache, key, method, out var entry) ? entry.Value : CacheOperations.GetOrLoad(Cache, key, method, load);

    public global::CachingGen.Diagnostics.CacheMethodStatistics Stats(CacheMethod method) => Cache.Statistics.Find(method.Method)!;

    /// <summary>Waits (real time, bounded) until <paramref name="condition"/> holds: for work the cache runs in the background.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "timed out waiting until " + what);
    }
}
