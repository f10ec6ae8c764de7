extern alias GeneratorAssembly;

using System.Collections.Immutable;
using System.Diagnostics;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using CachingGenAnalyzer = GeneratorAssembly::CachingGen.Generator.Analyzers.CachingGenAnalyzer;

namespace CachingGen.Benchmarks.Generator;

/// <summary>The analyzer's time on the synthetic project, as Roslyn reports it per analyzer (warm process, fresh compilation).</summary>
public static class AnalyzerCost
{
    public static TimeSpan Measure(int repositories)
    {
        var compilation = SyntheticCompilation.Create("SyntheticAnalyzed", SyntheticProject.Files(repositories));
        var analyzers = compilation.WithAnalyzers(
            [new CachingGenAnalyzer()],
            new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));
        var stopwatch = Stopwatch.StartNew();
        var diagnostics = analyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        var info = analyzers.GetAnalyzerTelemetryInfoAsync(analyzers.Analyzers[0], CancellationToken.None).GetAwaiter().GetResult();
        Console.WriteLine($"analyzer: {info.ExecutionTime.TotalMilliseconds:0} ms by telemetry, {stopwatch.ElapsedMilliseconds} ms wall, {diagnostics.Length} diagnostics");
        return info.ExecutionTime;
    }
}
