using System.Reflection;

namespace CachingGen.Benchmarks;

/// <summary>
/// Every BenchmarkDotNet class of this assembly, found by its [Benchmark] methods: the timed run and CI's smoke run
/// take the same list, so a new benchmark class cannot be timed but never smoked (or the other way round).
/// </summary>
public static class BenchmarkCatalog
{
    public static Type[] Classes { get; } = [.. typeof(BenchmarkCatalog).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkAttribute), inherit: false)))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)];
}
