using System.Linq;
using CachingGen.Infrastructure;
using CachingGen.Keys;

namespace CachingGen.Diagnostics;

/// <summary>
/// Every annotated method of the loaded assemblies, from the descriptors the generator compiled: key templates, TTLs,
/// result types and policies of the reads, the writes that invalidate each, and the counters of one cache. What an
/// operator needs to see how caching is laid out (CachingGen.AspNetCore serves it as JSON and as a picture).
/// </summary>
public static class CacheMap
{
    /// <summary>The map, with <paramref name="cache"/>'s counters; sorted by kind, then method.</summary>
    public static IReadOnlyList<CacheMapEntry> Build(CachingGenCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        DecoratorRegistry.EnsureLoadedAssembliesRegistered();
        var methods = CacheMethodTable.All();
        var templates = methods.ToDictionary(m => m, Templates);
        var statistics = cache.Statistics.GetSnapshot().ToDictionary(s => (s.Method, s.KeyTemplate));
        var entries = new List<CacheMapEntry>(methods.Count);
        foreach (var method in methods.OrderBy(m => m.Kind).ThenBy(m => m.Method, StringComparer.Ordinal).ThenBy(m => m.KeyTemplate, StringComparer.Ordinal))
        {
            var related = methods
                .Where(other => other.Kind != method.Kind && Reaches(method.Kind == CacheMethodKind.Invalidating ? templates[method] : templates[other], method.Kind == CacheMethodKind.Cached ? templates[method][0] : templates[other][0]))
                .Select(other => other.Method)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
            var counted = statistics.TryGetValue((method.Method, method.KeyTemplate), out var found)
                ? found
                : new CacheMethodStatistics(method.Method, method.KeyTemplate, method.Kind, 0, 0, 0, 0);
            entries.Add(new CacheMapEntry(method.Method, method.Kind, templates[method], method.Ttl, method.ResultType, method.Policy?.ToString(), related, counted));
        }

        return entries;
    }

    /// <summary>A descriptor's templates: one for a cached method; an invalidating method's, which its descriptor joins with ", ".</summary>
    private static IReadOnlyList<string> Templates(CacheMethod method)
        => method.Kind == CacheMethodKind.Cached ? [method.KeyTemplate] : method.KeyTemplate.Split(", ", StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// Whether one of <paramref name="invalidations"/> can remove a key built from <paramref name="cached"/>: the same
    /// judge as CG0015/CG0018 (<see cref="KeyShape.Overlaps"/>), without parameter types, so every placeholder stands for
    /// any value (it can only add relations, never hide one the compile-time check sees).
    /// </summary>
    private static bool Reaches(IReadOnlyList<string> invalidations, string cached)
    {
        var cachedShape = KeyShape.TryCreate(cached);
        return cachedShape is not null
            && invalidations.Any(template => KeyShape.TryCreate(template) is { } shape && KeyShape.Overlaps(cachedShape, shape));
    }
}
