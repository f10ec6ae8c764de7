using System;
using System.Linq;
using System.Threading.Tasks;
using CachingGen.Benchmarks.Generator;
using Xunit;

namespace CachingGen.Benchmarks.Smoke;

/// <summary>
/// CI runs no timed benchmark; it proves each one executes once and measures what it claims (a hit is a hit,
/// a stampede makes one call): their setups and cleanups throw otherwise. Uses the Redis and PostgreSQL that
/// eng/test.sh starts.
/// </summary>
public sealed class BenchmarkSmokeTests
{
    [Fact]
    public async Task Every_benchmark_runs_once()
    {
        Assert.False(string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("CACHINGGEN_REDIS")), "CACHINGGEN_REDIS is not set: run 'bash eng/test.sh'.");
        Assert.False(string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("CACHINGGEN_POSTGRES")), "CACHINGGEN_POSTGRES is not set: run 'bash eng/test.sh'.");

        var classes = BenchmarkCatalog.Classes;
        var declared = classes.Sum(c => c.GetMethods().Count(m => m.IsDefined(typeof(BenchmarkDotNet.Attributes.BenchmarkAttribute), inherit: false)));

        var ran = await SmokeRunner.RunAsync(classes);

        Assert.True(declared >= 27, $"only {declared} benchmarks found");
        Assert.Equal(declared, ran);
    }

    [Fact]
    public void Generator_floor_comparison_measures_every_candidate()
    {
        var rows = GeneratorFloor.Measure(repositories: 5, repeats: 1);

        Assert.Contains(rows, r => r.Name == "CachingGen generator" && r.Median > TimeSpan.Zero);
        Assert.Equal(3, rows.Count(r => r.Name.Contains("find", StringComparison.Ordinal) || r.Name.StartsWith('…')));
        Assert.All(rows, r => Assert.Equal(50, r.Methods));
    }

    [Fact]
    public void Generator_cost_measurement_regenerates_nothing_for_an_unrelated_edit_and_one_repository_s_outputs_for_its_edit()
    {
        var result = GeneratorCost.Measure(repositories: 20, repeats: 1);

        Assert.Equal(200, result.Methods);
        Assert.Equal(0, result.UnrelatedRegenerated);
        // The edit changes a TTL: the repository's file and the cache manifest, which lists TTLs.
        Assert.Equal(2, result.RepositoryRegenerated);
        Assert.Equal(22, result.Outputs);
    }
}
