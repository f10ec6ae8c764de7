namespace CachingGen.Diagnostics;

/// <summary>One annotated method in the cache map (<see cref="CacheMap"/>): what the generator compiled, and its counters in one cache.</summary>
/// <param name="Method">The method, as <c>Namespace.Class.Method</c>.</param>
/// <param name="Kind">Whether it caches or invalidates.</param>
/// <param name="KeyTemplates">Its key template (cached), or the templates it removes (invalidating; a prefix ends in <c>:*</c>).</param>
/// <param name="Ttl">The TTL of a cached method; zero for an invalidating one.</param>
/// <param name="ResultType">The cached result type, as declared; null for an invalidating method.</param>
/// <param name="Policy">The policies of a cached method in words (<c>fail-safe 01:00:00 …</c>); null without any.</param>
/// <param name="Related">
/// For a cached method, the invalidating methods whose templates can remove its keys; for an invalidating method, the
/// cached methods it can reach. Matched on the templates' shapes: a placeholder stands for any value.
/// </param>
/// <param name="Statistics">Its counters in the cache the map was made for.</param>
public sealed record CacheMapEntry(
    string Method,
    CacheMethodKind Kind,
    IReadOnlyList<string> KeyTemplates,
    TimeSpan Ttl,
    string? ResultType,
    string? Policy,
    IReadOnlyList<string> Related,
    CacheMethodStatistics Statistics);
