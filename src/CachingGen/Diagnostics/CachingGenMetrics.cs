using System.Collections.Generic;
using System.Diagnostics.Metrics;
using CachingGen.Internals.Diagnostics;

namespace CachingGen.Diagnostics;

/// <summary>
/// The names of the <see cref="Meter"/> each <see cref="CachingGenCache"/> publishes its counters on. The
/// instruments are observable: they read the cache's counters when a listener (OpenTelemetry,
/// <c>dotnet-counters</c>) collects, so the hot path stays one increment.
/// </summary>
/// <remarks>
/// Instruments: <c>cachinggen.cache.requests</c> (tags <c>method</c>, <c>result</c> = <c>hit</c> | <c>miss</c> | <c>error</c>),
/// <c>cachinggen.cache.distributed_hits</c> and <c>cachinggen.cache.invalidations</c> (tag <c>method</c>). In a host the
/// meter comes from its <see cref="IMeterFactory"/>, so each container has its own.
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

    /// <summary>Creates the cache's meter (from <paramref name="factory"/> when there is one) with instruments over <paramref name="counters"/>.</summary>
    internal static Meter Create(MethodCounterTable counters, IMeterFactory? factory)
    {
        var version = typeof(CachingGenMetrics).Assembly.GetName().Version?.ToString();
        var meter = factory?.Create(new MeterOptions(MeterName) { Version = version }) ?? new Meter(MeterName, version);
        meter.CreateObservableCounter(RequestsInstrument, () => ObserveRequests(counters), unit: "{request}", description: "Cache look-ups by generated decorators, by method and result (hit, miss, error).");
        meter.CreateObservableCounter(DistributedHitsInstrument, () => ObserveDistributedHits(counters), unit: "{request}", description: "The part of the hits answered by the distributed cache level (Redis) after an in-process miss.");
        meter.CreateObservableCounter(InvalidationsInstrument, () => ObserveInvalidations(counters), unit: "{key}", description: "Cache keys removed by invalidating methods after successful calls.");
        return meter;
    }

    private static IEnumerable<Measurement<long>> ObserveRequests(MethodCounterTable counters)
    {
        foreach (var method in counters.All)
        {
            if (method.Method.Kind == CacheMethodKind.Cached)
            {
                yield return Measure(method.Hits, method.Method.Method, "hit");
                yield return Measure(method.Misses, method.Method.Method, "miss");
            }

            yield return Measure(method.Errors, method.Method.Method, "error");
        }
    }

    private static IEnumerable<Measurement<long>> ObserveDistributedHits(MethodCounterTable counters)
    {
        foreach (var method in counters.All)
        {
            if (method.Method.Kind == CacheMethodKind.Cached)
            {
                yield return new Measurement<long>(method.DistributedHits, new KeyValuePair<string, object?>("method", method.Method.Method));
            }
        }
    }

    private static IEnumerable<Measurement<long>> ObserveInvalidations(MethodCounterTable counters)
    {
        foreach (var method in counters.All)
        {
            if (method.Method.Kind == CacheMethodKind.Invalidating)
            {
                yield return new Measurement<long>(method.Invalidations, new KeyValuePair<string, object?>("method", method.Method.Method));
            }
        }
    }

    private static Measurement<long> Measure(long value, string method, string result)
        => new(value, new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("result", result));
}
