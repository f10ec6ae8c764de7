using System.Diagnostics.Metrics;
using CachingGen.Internals.Diagnostics;

namespace CachingGen.Diagnostics;

/// <summary>
/// The names of the <see cref="Meter"/> each <see cref="CachingGenCache"/> publishes its counters on. The
/// instruments are observable: they read the cache's counters when a listener (OpenTelemetry,
/// <c>dotnet-counters</c>) collects, so the hot path stays one increment.
/// </summary>
/// <remarks>
/// Instruments: <c>cachinggen.cache.requests</c> (cached methods; tags <c>method</c>, <c>result</c> = <c>hit</c> | <c>miss</c>),
/// <c>cachinggen.cache.distributed_hits</c>, <c>cachinggen.cache.stale</c> and <c>cachinggen.cache.refreshes</c> (cached methods), <c>cachinggen.cache.errors</c> (every method: cache faults
/// hidden from the caller) and <c>cachinggen.cache.invalidations</c> (invalidating methods: one per template per successful
/// call), each with the tag <c>method</c>. In a host the meter comes from its <see cref="IMeterFactory"/>, so each container
/// has its own.
/// </remarks>
public static class CachingGenMetrics
{
    /// <summary>Name of the meter, for <c>AddMeter("CachingGen")</c> or <c>dotnet-counters --counters CachingGen</c>.</summary>
    public const string MeterName = "CachingGen";

    /// <summary>Cache look-ups of cached methods, by result (hit or miss).</summary>
    public const string RequestsInstrument = "cachinggen.cache.requests";

    /// <summary>Cache faults hidden from the caller (the call went on without the cache), per method.</summary>
    public const string ErrorsInstrument = "cachinggen.cache.errors";

    /// <summary>Hits answered by the distributed level, per method.</summary>
    public const string DistributedHitsInstrument = "cachinggen.cache.distributed_hits";

    /// <summary>
    /// Invalidations applied per invalidating method: one per <c>[Invalidates]</c> template per successful call (a key,
    /// or a prefix however many keys it removes).
    /// </summary>
    public const string InvalidationsInstrument = "cachinggen.cache.invalidations";

    /// <summary>
    /// Look-ups answered with a fail-safe copy past its TTL because the repository failed or timed out, per method: the
    /// part of the misses the fail-safe policy kept answering.
    /// </summary>
    public const string StaleInstrument = "cachinggen.cache.stale";

    /// <summary>Background reloads started by refresh-ahead, per method.</summary>
    public const string RefreshesInstrument = "cachinggen.cache.refreshes";

    /// <summary>
    /// How long repository calls made by the cache take (misses and refresh-ahead reloads), in seconds, by method and
    /// outcome (<c>success</c>, <c>error</c>): what caching saves, next to the hit ratio.
    /// </summary>
    public const string LoadDurationInstrument = "cachinggen.load.duration";

    /// <summary>How long operations on the distributed level take, in seconds, by method and operation (<c>read</c>, <c>write</c>, <c>remove</c>).</summary>
    public const string DistributedDurationInstrument = "cachinggen.distributed.duration";

    /// <summary>Creates the cache's meter (from <paramref name="factory"/> when there is one) with instruments over <paramref name="counters"/>.</summary>
    internal static Meter Create(MethodCounterTable counters, IMeterFactory? factory, out CacheInstruments instruments)
    {
        var version = typeof(CachingGenMetrics).Assembly.GetName().Version?.ToString();
        var meter = factory?.Create(new MeterOptions(MeterName) { Version = version }) ?? new Meter(MeterName, version);
        meter.CreateObservableCounter(RequestsInstrument, () => ObserveRequests(counters), unit: "{request}", description: "Cache look-ups of [Cached] methods, by method and result (hit, miss).");
        meter.CreateObservableCounter(DistributedHitsInstrument, () => ObserveDistributedHits(counters), unit: "{request}", description: "The part of the hits answered by the distributed cache level (Redis) after an in-process miss.");
        meter.CreateObservableCounter(ErrorsInstrument, () => ObserveErrors(counters), unit: "{error}", description: "Cache faults hidden from callers (the call went on without the cache), by method.");
        meter.CreateObservableCounter(InvalidationsInstrument, () => ObserveInvalidations(counters), unit: "{invalidation}", description: "Invalidations applied after successful calls of [Invalidates] methods: one per template per call (a key, or a prefix).");
        meter.CreateObservableCounter(StaleInstrument, () => ObserveCached(counters, static c => c.Stale), unit: "{request}", description: "The part of the misses of [Cached] methods answered with a fail-safe copy past its TTL, because the repository failed or timed out.");
        meter.CreateObservableCounter(RefreshesInstrument, () => ObserveCached(counters, static c => c.Refreshes), unit: "{refresh}", description: "Background reloads started by refresh-ahead before an entry expired.");
        instruments = new CacheInstruments(
            meter.CreateHistogram<double>(LoadDurationInstrument, unit: "s", description: "Duration of the repository calls the cache makes on misses and refresh-ahead reloads, by method and outcome.", tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets }),
            meter.CreateHistogram<double>(DistributedDurationInstrument, unit: "s", description: "Duration of operations on the distributed cache level, by method and operation (read, write, remove).", tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets }));
        return meter;
    }

    // OpenTelemetry's recommended boundaries for HTTP durations, in seconds: cache loads and Redis calls sit in the same range.
    private static readonly double[] DurationBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    private static IEnumerable<Measurement<long>> ObserveCached(MethodCounterTable counters, System.Func<MethodCounters, long> read)
    {
        foreach (var method in counters.All)
        {
            if (method.Method.Kind == CacheMethodKind.Cached)
            {
                yield return new Measurement<long>(read(method), new KeyValuePair<string, object?>("method", method.Method.Method));
            }
        }
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
        }
    }

    private static IEnumerable<Measurement<long>> ObserveErrors(MethodCounterTable counters)
    {
        foreach (var method in counters.All)
        {
            yield return new Measurement<long>(method.Errors, new KeyValuePair<string, object?>("method", method.Method.Method));
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
