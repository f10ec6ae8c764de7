using System.Collections.Generic;
using System.Diagnostics.Metrics;

namespace CachingGen.Diagnostics;

/// <summary>
/// The <see cref="Meter"/> named <c>CachingGen</c>. Its instruments are observable: they read the generated
/// counters when a listener (OpenTelemetry, <c>dotnet-counters</c>) collects, so the hot path stays one increment.
/// </summary>
/// <remarks>
/// Instruments: <c>cachinggen.cache.requests</c> (tags <c>method</c>, <c>result</c> = <c>hit</c> | <c>miss</c> | <c>error</c>)
/// and <c>cachinggen.cache.invalidations</c> (tag <c>method</c>).
/// </remarks>
public static class CachingGenMetrics
{
    /// <summary>Name of the meter, for <c>AddMeter("CachingGen")</c> or <c>dotnet-counters --counters CachingGen</c>.</summary>
    public const string MeterName = "CachingGen";

    /// <summary>Cache look-ups and faults per method, by result.</summary>
    public const string RequestsInstrument = "cachinggen.cache.requests";

    /// <summary>Hits answered by the distributed level, per method.</summary>
    public const string DistributedHitsInstrument = "cachinggen.cache.distributed_hits";

    /// <summary>Keys removed per invalidating method.</summary>
    public const string InvalidationsInstrument = "cachinggen.cache.invalidations";

    private static readonly Meter s_meter = CreateMeter();

    /// <summary>The meter itself.</summary>
    public static Meter Meter => s_meter;

    internal static void EnsureCreated() => _ = s_meter;

    private static Meter CreateMeter()
    {
        var meter = new Meter(MeterName, typeof(CachingGenMetrics).Assembly.GetName().Version?.ToString());
        meter.CreateObservableCounter(RequestsInstrument, ObserveRequests, unit: "{request}", description: "Cache look-ups by generated decorators, by method and result (hit, miss, error).");
        meter.CreateObservableCounter(DistributedHitsInstrument, ObserveDistributedHits, unit: "{request}", description: "The part of the hits answered by the distributed cache level (Redis) after an in-process miss.");
        meter.CreateObservableCounter(InvalidationsInstrument, ObserveInvalidations, unit: "{key}", description: "Cache keys removed by invalidating methods after successful calls.");
        return meter;
    }

    private static IEnumerable<Measurement<long>> ObserveRequests()
    {
        foreach (var method in CacheStatistics.Methods)
        {
            if (method.Kind == CacheMethodKind.Cached)
            {
                yield return Measure(method.Hits, method.Method, "hit");
                yield return Measure(method.Misses, method.Method, "miss");
            }

            yield return Measure(method.Errors, method.Method, "error");
        }
    }

    private static IEnumerable<Measurement<long>> ObserveDistributedHits()
    {
        foreach (var method in CacheStatistics.Methods)
        {
            if (method.Kind == CacheMethodKind.Cached)
            {
                yield return new Measurement<long>(method.DistributedHits, new KeyValuePair<string, object?>("method", method.Method));
            }
        }
    }

    private static IEnumerable<Measurement<long>> ObserveInvalidations()
    {
        foreach (var method in CacheStatistics.Methods)
        {
            if (method.Kind == CacheMethodKind.Invalidating)
            {
                yield return new Measurement<long>(method.Invalidations, new KeyValuePair<string, object?>("method", method.Method));
            }
        }
    }

    private static Measurement<long> Measure(long value, string method, string result)
        => new(value, new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("result", result));
}
