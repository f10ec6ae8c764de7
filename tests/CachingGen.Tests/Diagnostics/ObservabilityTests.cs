using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using CachingGen.Diagnostics;
using CachingGen.Storage;
using CachingGen.Tests.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace CachingGen.Tests.Diagnostics;

[Collection(SharedCounters.Name)]
public sealed class ObservabilityTests
{
    private const string NameMethod = "CachingGen.Tests.DependencyInjection.UserRepository.NameAsync";

    [Fact]
    public async Task Statistics_and_the_CachingGen_meter_report_hits_and_misses_per_method()
    {
        await using var provider = Build(null);
        var repository = provider.GetRequiredService<IUserRepository>();
        var before = Statistics();

        await repository.NameAsync(100);
        await repository.NameAsync(100);
        await repository.NameAsync(100);

        var after = Statistics();
        Assert.Equal(before.Hits + 2, after.Hits);
        Assert.Equal(before.Misses + 1, after.Misses);
        Assert.Equal("user:<id>", after.KeyTemplate);
        Assert.InRange(after.HitRatio, 0.01, 1);

        var measured = Collect();
        Assert.Equal(after.Hits, measured[(NameMethod, "hit")]);
        Assert.Equal(after.Misses, measured[(NameMethod, "miss")]);
        Assert.Equal(after.Errors, measured[(NameMethod, "error")]);
    }

    [Fact]
    public async Task Store_faults_are_counted_and_logged_without_flooding()
    {
        var logs = new CapturingLoggerProvider();
        await using var provider = Build(logs, new BrokenStore());
        var repository = provider.GetRequiredService<IUserRepository>();
        var before = Statistics().Errors;

        for (var i = 0; i < 100; i++)
        {
            Assert.Equal($"ada#{i}", await repository.NameAsync(i));
        }

        Assert.Equal(before + 200, Statistics().Errors);
        var warnings = logs.Messages.Where(m => m.Contains("cache", StringComparison.Ordinal)).ToList();
        Assert.InRange(warnings.Count, 1, 2);
        Assert.Contains(NameMethod, warnings[0], StringComparison.Ordinal);
    }

    private static CacheMethodStatistics Statistics()
        => CacheStatistics.GetSnapshot().Single(s => s.Method == NameMethod);

    private static Dictionary<(string Method, string Result), long> Collect()
    {
        var values = new ConcurrentDictionary<(string, string), long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CachingGenMetrics.MeterName && instrument.Name == CachingGenMetrics.RequestsInstrument)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? method = null, result = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "method") method = (string?)tag.Value;
                if (tag.Key == "result") result = (string?)tag.Value;
            }

            values[(method!, result!)] = value;
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

    private sealed class CapturingLoggerProvider : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
            {
                Messages.Enqueue(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }
}
