using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using CachingGen.Diagnostics;
using CachingGen.Distributed;
using CachingGen.Tests.Runtime;

namespace CachingGen.Tests.Telemetry;

/// <summary>The histograms, read with a <see cref="MeterListener"/> on one cache's meter: what a load and a distributed call took.</summary>
public sealed class HistogramTests
{
    private static readonly CacheMethod Method = CacheMethod.ForCached("Tests.Histograms.Find", "h:<id>", TimeSpan.FromMinutes(1), cacheNulls: true);

    [Fact]
    public async Task Each_repository_call_is_timed_by_method_and_outcome_and_hits_are_not()
    {
        var cache = new CachingGenCache(new InProcessCacheStore());
        var recorded = Listen(cache, CachingGenMetrics.LoadDurationInstrument);

        await Call(cache, "h:1", TimeSpan.FromMilliseconds(60));
        await Call(cache, "h:1", TimeSpan.Zero);                          // a hit: not a load
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await CacheOperations.GetOrLoadAsync<string>(cache, "h:2", Method, _ => throw new InvalidOperationException("down"), CancellationToken.None));

        var loads = recorded.ToList();
        Assert.Equal(2, loads.Count);
        var success = Assert.Single(loads, l => l.Tags["outcome"] == "success");
        Assert.Equal("Tests.Histograms.Find", success.Tags["method"]);
        Assert.InRange(success.Value, 0.055, 10);
        Assert.Single(loads, l => l.Tags["outcome"] == "error");
    }

    [Fact]
    public async Task Distributed_reads_and_writes_are_timed_by_operation()
    {
        var level = new GatedLevel();
        var cache = new CachingGenCache(new InProcessCacheStore(), level, CacheLevels.Both);
        var recorded = Listen(cache, CachingGenMetrics.DistributedDurationInstrument);

        await Call(cache, "h:3", TimeSpan.Zero);
        for (var i = 0; i < 500 && !recorded.Any(r => r.Tags["operation"] == "write"); i++)
        {
            await Task.Delay(10);
        }

        Assert.Contains(recorded, r => r.Tags["operation"] == "read" && r.Tags["method"] == "Tests.Histograms.Find" && r.Value >= 0);
        Assert.Contains(recorded, r => r.Tags["operation"] == "write");
    }

    [Fact]
    public void The_histograms_follow_the_OpenTelemetry_conventions_seconds_and_a_description()
    {
        var cache = new CachingGenCache(new InProcessCacheStore());
        var instruments = new List<Instrument>();
        using var listener = new MeterListener { InstrumentPublished = (i, _) => { if (i.Meter == cache.Meter) { instruments.Add(i); } } };
        listener.Start();
        foreach (var name in new[] { CachingGenMetrics.LoadDurationInstrument, CachingGenMetrics.DistributedDurationInstrument })
        {
            var histogram = Assert.Single(instruments, i => i.Name == name);
            Assert.IsType<Histogram<double>>(histogram);
            Assert.Equal("s", histogram.Unit);
            Assert.False(string.IsNullOrWhiteSpace(histogram.Description));
        }
    }

    private static ConcurrentQueue<(double Value, Dictionary<string, string?> Tags)> Listen(CachingGenCache cache, string instrument)
    {
        var recorded = new ConcurrentQueue<(double, Dictionary<string, string?>)>();
        var listener = new MeterListener
        {
            InstrumentPublished = (i, l) =>
            {
                if (i.Meter == cache.Meter && i.Name == instrument)
                {
                    l.EnableMeasurementEvents(i);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) => recorded.Enqueue((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value as string))));
        listener.Start();
        return recorded;
    }

    private static async Task<string> Call(CachingGenCache cache, string key, TimeSpan loadTime)
    {
        if (CacheOperations.TryGetLocal<string>(cache, key, Method, out var entry))
        {
            return entry.Value;
        }

        return await CacheOperations.GetOrLoadAsync(cache, key, Method, async _ =>
        {
            await Task.Delay(loadTime, CancellationToken.None);
            return "v";
        }, CancellationToken.None);
    }
}
