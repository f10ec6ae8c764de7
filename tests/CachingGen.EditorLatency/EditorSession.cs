using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.MSBuild;
using Microsoft.CodeAnalysis.Text;

namespace CachingGen.EditorLatency;

/// <summary>
/// What an editor does after a keystroke, timed: fork the solution with the new text, get the project's compilation
/// (the workspace runs the source generators incrementally, as the IDE does), then the edited document's compiler
/// diagnostics and every referenced analyzer's syntax and semantic diagnostics for that document.
/// </summary>
internal static class EditorSession
{
    public static async Task<int> RunAsync(string projectPath, EditScript script, int rounds)
    {
        using var workspace = MSBuildWorkspace.Create();
        var opened = Stopwatch.StartNew();
        var project = await workspace.OpenProjectAsync(projectPath);
        foreach (var diagnostic in workspace.Diagnostics.Where(d => d.Kind == WorkspaceDiagnosticKind.Failure))
        {
            Console.Error.WriteLine("workspace: " + diagnostic.Message);
        }

        var analyzers = project.AnalyzerReferences.SelectMany(r => r.GetAnalyzers(project.Language)).ToImmutableArray();
        var generators = project.AnalyzerReferences.SelectMany(r => r.GetGenerators(project.Language)).Count();
        Console.WriteLine($"{Path.GetFileName(Path.GetDirectoryName(projectPath))}: {project.DocumentIds.Count} documents, {analyzers.Length} analyzers, {generators} generators (opened in {opened.Elapsed.TotalSeconds:0.0} s)");

        // An editor has analysed a file since it was opened, before the first keystroke in it; each edited file is
        // analysed once here for that reason, so that no edit pays for the first look at its document.
        var documents = script.Kinds.Select(k => k.File).Distinct().ToDictionary(f => f, f => Find(project, f));
        foreach (var (file, id) in documents)
        {
            var opening = await DiagnoseAsync(project, id, analyzers);
            Console.WriteLine($"opened {file}: {opening.Total.TotalSeconds:0.00} s ({opening.Diagnostics} diagnostics)");
        }

        if (Environment.GetEnvironmentVariable("CACHINGGEN_EDITOR_PAUSE") is { Length: > 0 })
        {
            // For a profiler: attach to this process id, then press Enter, and only the edits are recorded.
            Console.WriteLine($"pid {Environment.ProcessId}: press Enter to start the edits");
            Console.ReadLine();
        }

        var times = script.Kinds.ToDictionary(k => k.Name, _ => new List<Result>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var kind in script.Kinds)
            {
                var document = project.GetDocument(documents[kind.File])!;
                var text = (await document.GetTextAsync()).ToString();
                project = document.WithText(SourceText.From(kind.Apply(text, round))).Project;
                var result = await DiagnoseAsync(project, document.Id, analyzers);
                times[kind.Name].Add(result);
                if (Environment.GetEnvironmentVariable("CACHINGGEN_EDITOR_EACH") is { Length: > 0 })
                {
                    Console.WriteLine($"round {round}, {kind.Name}: {result.Total.TotalSeconds:0.000} s (compilation + generators {result.Compilation.TotalSeconds:0.000} s, CachingGen analyzer {result.CachingGen.TotalSeconds:0.000} s)");
                }
            }
        }

        Console.WriteLine("| edit | edits | p50 | p95 | max | compilation + generators (p50) | CachingGen analyzer (p50) | diagnostics (last) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, results) in times)
        {
            var total = results.Select(r => r.Total.TotalSeconds).OrderBy(t => t).ToList();
            Console.WriteLine($"| {name} | {total.Count} | {Percentile(total, 50):0.000} s | {Percentile(total, 95):0.000} s | {total[^1]:0.000} s | "
                + $"{Percentile(results.Select(r => r.Compilation.TotalSeconds).OrderBy(t => t).ToList(), 50):0.000} s | "
                + $"{Percentile(results.Select(r => r.CachingGen.TotalSeconds).OrderBy(t => t).ToList(), 50):0.000} s | {results[^1].Diagnostics} |");
        }

        var all = times.Values.SelectMany(r => r).Select(r => r.Total.TotalSeconds).OrderBy(t => t).ToList();
        Console.WriteLine($"all edits: {all.Count}, p50 {Percentile(all, 50):0.000} s, p95 {Percentile(all, 95):0.000} s");
        return 0;
    }

    private static DocumentId Find(Project project, string relativePath)
    {
        var suffix = Path.DirectorySeparatorChar + relativePath.Replace('/', Path.DirectorySeparatorChar);
        return project.Documents.FirstOrDefault(d => d.FilePath?.EndsWith(suffix, StringComparison.Ordinal) == true)?.Id
            ?? throw new InvalidOperationException($"{relativePath} is not a document of {project.Name}");
    }

    private static async Task<Result> DiagnoseAsync(Project project, DocumentId id, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var stopwatch = Stopwatch.StartNew();
        var compilation = (await project.GetCompilationAsync())!;
        var compiled = stopwatch.Elapsed;
        var tree = (await project.GetDocument(id)!.GetSyntaxTreeAsync())!;
        var model = compilation.GetSemanticModel(tree);
        var count = model.GetDiagnostics().Length;
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            project.AnalyzerOptions, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));
        count += (await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(tree, CancellationToken.None)).Length;
        count += (await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None)).Length;
        var total = stopwatch.Elapsed;

        var cachingGen = TimeSpan.Zero;
        foreach (var analyzer in analyzers.Where(a => a.GetType().Assembly.GetName().Name == "CachingGen.Generator"))
        {
            cachingGen += (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime;
        }

        return new Result(total, compiled, cachingGen, count);
    }

    private static double Percentile(List<double> sorted, int percent)
        => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1)];

    private readonly record struct Result(TimeSpan Total, TimeSpan Compilation, TimeSpan CachingGen, int Diagnostics);
}
