using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace CachingGen.AspNetCore.Internals;

/// <summary>One method in <c>map.json</c>: what the generator compiled and its counters in this instance's cache.</summary>
internal sealed record MethodDocument(
    string Method,
    string Kind,
    IReadOnlyList<string> KeyTemplates,
    double TtlSeconds,
    string? ResultType,
    string? Policy,
    IReadOnlyList<string> Related,
    StatisticsDocument Statistics);

/// <summary>One method's counters, as in <c>stats.json</c>.</summary>
internal sealed record StatisticsDocument(
    string Method,
    string Kind,
    long Hits,
    long Misses,
    double HitRatio,
    long DistributedHits,
    long Stale,
    long Refreshes,
    long Errors,
    long Invalidations,
    long Loads,
    double AverageLoadMilliseconds);

/// <summary>The change feed, as in <c>feed.json</c>: its state, its lag and what it applied per table.</summary>
internal sealed record FeedDocument(
    string State,
    bool IsConsumer,
    long LagBytes,
    double LagMilliseconds,
    bool Degraded,
    bool Unhealthy,
    string? Problem,
    IReadOnlyDictionary<string, FeedTableDocument> Tables);

/// <summary>One table in <c>feed.json</c>.</summary>
internal sealed record FeedTableDocument(long Changes, long Invalidations);

/// <summary>The body of <c>POST …/invalidate</c>: a cached method's key, or a declared template (exact or prefix), with its values.</summary>
internal sealed record InvalidationRequest(string? Method, string? Template, Dictionary<string, string?>? Values);

/// <summary>What an invalidation removed.</summary>
internal sealed record InvalidationResult(string Removed, bool IsPrefix);

/// <summary>A refused request, in the shape of RFC 9457 problem details.</summary>
internal sealed record ProblemDocument(string Title, int Status, string Detail);

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<MethodDocument>))]
[JsonSerializable(typeof(IReadOnlyList<StatisticsDocument>))]
[JsonSerializable(typeof(FeedDocument))]
[JsonSerializable(typeof(InvalidationRequest))]
[JsonSerializable(typeof(InvalidationResult))]
[JsonSerializable(typeof(ProblemDocument))]
internal sealed partial class OperationsJson : JsonSerializerContext;
