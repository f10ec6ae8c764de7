using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Threading;
using CachingGen.Generator.Analyzers;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace CachingGen.Generator.Tests;

/// <summary>
/// The generator and the analyzer survive any source: a corpus of several thousand inputs shows no generator
/// exception, no CS8785 (a generator that threw), no CG0017 (a generator failure it caught), no AD0001 (an analyzer that threw) and no compiler error
/// inside generated code.
/// </summary>
public sealed class RobustnessTests(ITestOutputHelper output)
{
    // Unsafe allowed, as in any project that declares pointer signatures (one of the shapes does).
    private static readonly CSharpCompilation Empty = GeneratorHarness.CreateCompilation()
        .WithOptions(GeneratorHarness.CreateCompilation().Options.WithAllowUnsafe(true));

    [Fact]
    public void Every_truncation_of_a_repository_file_is_survived()
        => AssertSurvives(RobustnessCorpus.Truncations().ToList(), minimum: 500);

    [Fact]
    public void Random_attribute_arguments_are_survived()
        => AssertSurvives(RobustnessCorpus.AttributeMutations(count: 2500, seed: 20261125).ToList(), minimum: 2500);

    [Fact]
    public void Language_shapes_users_write_are_survived()
        => AssertSurvives(RobustnessCorpus.Shapes().ToList(), minimum: 80);

    private void AssertSurvives(List<(string Name, string[] Sources)> corpus, int minimum)
    {
        var stopwatch = Stopwatch.StartNew();
        var failures = new ConcurrentQueue<string>();
        var analyzed = 0;
        Parallel.ForEach(corpus, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, input =>
        {
            var problem = Check(input.Sources);
            if (problem is not null)
            {
                failures.Enqueue($"{input.Name}: {problem}");
            }

            Interlocked.Increment(ref analyzed);
        });

        output.WriteLine($"{analyzed} inputs in {stopwatch.Elapsed.TotalSeconds:F1} s, {failures.Count} failures");
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(5)));
        Assert.True(analyzed >= minimum, $"only {analyzed} inputs");
    }

    /// <summary>Runs generator and analyzer on one input; null when both behaved.</summary>
    private static string? Check(string[] sources)
    {
        // Reusing one compilation's references keeps each run to parsing and binding the input.
        var compilation = Empty.AddSyntaxTrees(sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, GeneratorHarness.ParseOptions, path: $"Source{i}.cs")));
        var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);
        var result = driver.GetRunResult().Results.Single();
        if (result.Exception is not null)
        {
            return "generator threw " + result.Exception;
        }

        // CS8785: the generator threw; CG0017: it caught its own exception (an internal bug, reported, not thrown).
        if (generatorDiagnostics.FirstOrDefault(d => d.Id is "CS8785" or "CG0017") is { } crashed)
        {
            return crashed.ToString();
        }

        var generatedErrors = generated.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && tree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal))
            .ToList();
        if (generatedErrors.Count > 0)
        {
            return "generated code does not compile: " + string.Join("; ", generatedErrors.Take(3));
        }

        var exceptions = new ConcurrentQueue<Exception>();
        var withAnalyzers = compilation.WithAnalyzers(
            [new CachingGenAnalyzer()],
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, _, _) => exceptions.Enqueue(exception),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: false));
        var analyzerDiagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        if (!exceptions.IsEmpty)
        {
            return "analyzer threw " + exceptions.First();
        }

        return analyzerDiagnostics.FirstOrDefault(d => d.Id == "AD0001") is { } ad0001 ? ad0001.ToString() : null;
    }
}
