using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using CachingGen.Diagnostics;
using CachingGen.Tests.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CachingGen.Tests.Diagnostics;

public sealed class ObservabilityTests
{
    private const string NameMethod = "CachingGen.Tests.DependencyInjection.UserRepository.NameAsync";

    [Fact]
    public async Task Statistics_and_the_CachingGen_meter_report_hits_and_misses_per_method()
    {
        await using var provider = Build(null);
        var repository = provider.GetRequiredService<IUserRepository>();
        var cache = provider.GetRequiredService<CachingGenCache>();

        await repository.NameAsync(100);
        await repository.NameAsync(100);
        await repository.NameAsync(100);

        var after = Statistics(cache);
        Assert.Equal(2, after.Hits);
        Assert.Equal(1, after.Misses);
        Assert.Equal(0, after.Errors);
        Assert.Equal("user:<id>", after.KeyTemplate);
        Assert.Equal(2.0 / 3, after.HitRatio, 6);

        var measured = Collect(cache);
        Assert.Equal(2, measured[(NameMethod, "hit")]);
        Assert.Equal(1, measured[(NameMethod, "miss")]);
        Assert.Equal(0, measured[(NameMethod, "error")]);
        Assert.DoesNotContain(measured.Keys, k => k.Result == "error" && k.Method != NameMethod);
    }

    [Fact]
    public async Task Write_methods_count_invalidations_and_errors_but_no_requests()
    {
        var logs = new CapturingLoggerProvider();
        await using var provider = Build(logs, new BrokenStore());
        var repository = provider.GetRequiredService<IUserRepository>();
        var cache = provider.GetRequiredService<CachingGenCache>();
        const string RenameMethod = "CachingGen.Tests.DependencyInjection.UserRepository.RenameAsync";

        await repository.RenameAsync(1, "a");
        await repository.RenameAsync(2, "b");

        var measured = Collect(cache);
        Assert.Equal(2, measured[(RenameMethod, "invalidation")]);
        Assert.Equal(2, measured[(RenameMethod, "error")]);
        Assert.DoesNotContain(measured.Keys, k => k.Method == RenameMethod && k.Result is "hit" or "miss");
        var stats = cache.Statistics.Find(RenameMethod)!;
        Assert.Equal((2, 2, 0, 0), (stats.Invalidations, stats.Errors, stats.Hits, stats.Misses));
    }

    [Fact]
    public async Task Two_containers_in_one_process_count_apart()
    {
        await using var first = Build(null);
        await using var second = Build(null);

        await first.GetRequiredService<IUserRepository>().NameAsync(7);
        await first.GetRequiredService<IUserRepository>().NameAsync(7);
        await second.GetRequiredService<IUserRepository>().NameAsync(7);

        var a = Statistics(first.GetRequiredService<CachingGenCache>());
        var b = Statistics(second.GetRequiredService<CachingGenCache>());
        Assert.Equal((1, 1), (a.Hits, a.Misses));
        Assert.Equal((0, 1), (b.Hits, b.Misses));
        Assert.Equal(1, Collect(second.GetRequiredService<CachingGenCache>())[(NameMethod, "miss")]);
    }

    [Fact]
    public async Task Store_faults_are_counted_and_logged_without_flooding()
    {
        var logs = new CapturingLoggerProvider();
        await using var provider = Build(logs, new BrokenStore());
        var repository = provider.GetRequiredService<IUserRepository>();

        for (var i = 0; i < 100; i++)
        {
            Assert.Equal($"ada#{i}", await repository.NameAsync(i));
        }

        Assert.Equal(200, Statistics(provider.GetRequiredService<CachingGenCache>()).Errors);
        var warnings = logs.Messages.Where(m => m.Contains("cache", StringComparison.Ordinal)).ToList();
        Assert.Single(warnings);
        Assert.Contains(NameMethod, warnings[0], StringComparison.Ordinal);
    }

    private static CacheMethodStatistics Statistics(CachingGenCache cache)
        => cache.Statistics.GetSnapshot().Single(s => s.Method == NameMethod);

    /// <summary>What the meter of <paramref name="cache"/> reports now (other caches in the test process have meters of the same name).</summary>
    private static Dictionary<(string Method, string Result), long> Collect(CachingGenCache cache)
    {
        var values = new ConcurrentDictionary<(string, string), long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == cache.Meter && instrument.Name is CachingGenMetrics.RequestsInstrument or CachingGenMetrics.ErrorsInstrument or CachingGenMetrics.InvalidationsInstrument)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? method = null, result = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "method")
                {
                    method = (string?)tag.Value;
                }

                if (tag.Key == "result")
                {
                    result = (string?)tag.Value;
                }
            }

            // Errors and invalidations have no result tag: keyed by their instrument's kind.
            result ??= instrument.Name == CachingGenMetrics.ErrorsInstrument ? "error" : "invalidation";
            values[(method!, result)] = value;
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return new Dictionary<(string, string), long>(values);
    }

    private static ServiceProvider Build(ILoggerProvider? logs, ICacheStore? store = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            if (logs is not null)
            {
                b.AddProvider(logs);
            }
        });
        services.AddSingleton<UserStore>();
        services.AddSingleton<IUserRepository, UserRepository>();
        services.AddCachingGen(o =>
        {
            if (store is not null)
            {
                o.UseStore(store);
            }
        });
        return services.BuildServiceProvider();
    }

    private sealed class BrokenStore : ICacheStore
    {
        public bool TryGet<T>(ReadOnlySpan<char> key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CacheEntry<T>? entry) => throw new InvalidOperationException("down");

        public void Set<T>(string key, T value, TimeSpan ttl) => throw new InvalidOperationException("down");

        public bool Remove(ReadOnlySpan<char> key) => throw new InvalidOperationException("down");

        public int RemoveByPrefix(ReadOnlySpan<char> prefix) => throw new InvalidOperationException("down");

        public void Clear() => throw new InvalidOperationException("down");
    }
}
