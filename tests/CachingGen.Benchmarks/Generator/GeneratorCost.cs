extern alias GeneratorAssembly;

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using CachingGenGenerator = GeneratorAssembly::CachingGen.Generator.CachingGenGenerator;

namespace CachingGen.Benchmarks.Generator;

/// <summary>
/// The generator's own cost, in process with a warm (JIT-compiled) driver, from the driver's timing info:
/// a first run over the whole synthetic project, then one run after an edit to an unrelated file and one
/// after an edit to one repository, with how many outputs each regenerated.
/// </summary>
public static class GeneratorCost
{
    private static readonly CSharpParseOptions ParseOptions = SyntheticCompilation.ParseOptions;

    public sealed record Result(int Methods, int Repositories, TimeSpan Cold, TimeSpan Own, TimeSpan UnrelatedEdit, int UnrelatedRegenerated, TimeSpan RepositoryEdit, int RepositoryRegenerated, int Outputs);

    public static Result Measure(int repositories, int repeats)
    {
        // Warm-up: JIT the generator and Roslyn's pipeline on a different compilation.
        RunOnce(Compilation(10), trackSteps: false);

        var results = Enumerable.Range(0, repeats).Select(_ => MeasureOnce(repositories)).ToList();
        TimeSpan Median(Func<Result, TimeSpan> pick) => results.Select(pick).Order().ElementAt(results.Count / 2);
        var first = results[0];
        return first with { Cold = Median(r => r.Cold), Own = Median(r => r.Own), UnrelatedEdit = Median(r => r.UnrelatedEdit), RepositoryEdit = Median(r => r.RepositoryEdit) };
    }

    public static string Markdown(IEnumerable<Result> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| annotated methods | repositories | cold run (fresh compilation) | generator's own work (compilation already bound) | own work per 1,000 methods | edit unrelated file | outputs regenerated | edit one repository | outputs regenerated |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Methods:N0} | {r.Repositories} | {r.Cold.TotalMilliseconds:0.0} ms | {r.Own.TotalMilliseconds:0.0} ms | {r.Own.TotalMilliseconds * 1000 / r.Methods:0.0} ms | {r.UnrelatedEdit.TotalMilliseconds:0.0} ms | {r.UnrelatedRegenerated} of {r.Outputs} | {r.RepositoryEdit.TotalMilliseconds:0.0} ms | {r.RepositoryRegenerated} of {r.Outputs} |"));
        }

        return text.ToString();
    }

    private static Result MeasureOnce(int repositories)
    {
        var compilation = Compilation(repositories);
        var unrelated = compilation.SyntaxTrees.Single(t => t.FilePath == "Unrelated.cs");
        var afterUnrelated = compilation.ReplaceSyntaxTree(unrelated, CSharpSyntaxTree.ParseText(SyntheticProject.Unrelated(1), ParseOptions, "Unrelated.cs"));
        var repository = afterUnrelated.SyntaxTrees.Single(t => t.FilePath == "Repository3.cs");
        var afterRepository = afterUnrelated.ReplaceSyntaxTree(repository, CSharpSyntaxTree.ParseText(SyntheticProject.Repository(3, edit: 1), ParseOptions, "Repository3.cs"));

        // Timed as the compiler and the IDE run generators: without step tracking, whose bookkeeping grows with the
        // number of tracked steps and items and is no part of a real run. A second, tracked driver counts what each
        // edit regenerated.
        // Start each measurement from a collected heap, so that no run pays for the garbage of the one before.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var driver = (GeneratorDriver)CSharpGeneratorDriver.Create([new CachingGenGenerator().AsSourceGenerator()], parseOptions: ParseOptions);
        driver = driver.RunGenerators(compilation);
        var cold = driver.GetTimingInfo().ElapsedTime;
        var outputs = driver.GetRunResult().GeneratedTrees.Length;

        // The same compilation again with a fresh driver: Roslyn's binding of the compilation and its references
        // is done by now, so this is the generator's own work.
        var own = CSharpGeneratorDriver.Create([new CachingGenGenerator().AsSourceGenerator()], parseOptions: ParseOptions).RunGenerators(compilation).GetTimingInfo().ElapsedTime;

        driver = driver.RunGenerators(afterUnrelated);
        var unrelatedTime = driver.GetTimingInfo().ElapsedTime;
        driver = driver.RunGenerators(afterRepository);
        var repositoryTime = driver.GetTimingInfo().ElapsedTime;

        var tracked = (GeneratorDriver)CSharpGeneratorDriver.Create(
            [new CachingGenGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        tracked = tracked.RunGenerators(compilation).RunGenerators(afterUnrelated);
        var unrelatedRegenerated = Regenerated(tracked);
        tracked = tracked.RunGenerators(afterRepository);
        var repositoryRegenerated = Regenerated(tracked);

        return new Result(repositories * SyntheticProject.MethodsPerRepository, repositories, cold, own, unrelatedTime, unrelatedRegenerated, repositoryTime, repositoryRegenerated, outputs);
    }

    /// <summary>A loop to attach a profiler to (dotnet-trace): the generator on a fresh compilation, again and again.</summary>
    public static void Profile(int repositories, int runs)
    {
        RunOnce(Compilation(10), trackSteps: false);
        var total = TimeSpan.Zero;
        for (var i = 0; i < runs; i++)
        {
            var compilation = Compilation(repositories);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var driver = CSharpGeneratorDriver.Create([new CachingGenGenerator().AsSourceGenerator()], parseOptions: ParseOptions).RunGenerators(compilation);
            total += driver.GetTimingInfo().ElapsedTime;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cold run on a fresh compilation: {total.TotalMilliseconds / runs:0.0} ms on average"));
    }

    /// <summary>Outputs whose source was produced anew (New or Modified) in the last run.</summary>
    private static int Regenerated(GeneratorDriver driver)
        => driver.GetRunResult().Results[0].TrackedOutputSteps.Values
            .SelectMany(steps => steps)
            .SelectMany(step => step.Outputs)
            .Count(output => output.Reason is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified);

    private static void RunOnce(CSharpCompilation compilation, bool trackSteps)
        => CSharpGeneratorDriver.Create([new CachingGenGenerator().AsSourceGenerator()], parseOptions: ParseOptions, driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackSteps))
            .RunGenerators(compilation);

    private static CSharpCompilation Compilation(int repositories)
        => SyntheticCompilation.Create("Synthetic" + repositories, SyntheticProject.Files(repositories));

    /// <summary>Where an edit's time goes: each tracked step's time in the run after an unrelated edit, largest first.</summary>
    public static string Steps(int repositories)
    {
        RunOnce(Compilation(10), trackSteps: true);
        var compilation = Compilation(repositories);
        var driver = (GeneratorDriver)CSharpGeneratorDriver.Create(
            [new CachingGenGenerator().AsSourceGenerator()], parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGenerators(compilation);
        var unrelated = compilation.SyntaxTrees.Single(t => t.FilePath == "Unrelated.cs");
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(unrelated, CSharpSyntaxTree.ParseText(SyntheticProject.Unrelated(1), ParseOptions, "Unrelated.cs")));
        var text = new StringBuilder();
        AppendSteps(text, "run after an unrelated edit", driver);

        // A key's text edited in one repository: an attribute argument, which changes no binding.
        var edited = compilation.ReplaceSyntaxTree(unrelated, CSharpSyntaxTree.ParseText(SyntheticProject.Unrelated(1), ParseOptions, "Unrelated.cs"));
        var repository = edited.SyntaxTrees.Single(t => t.FilePath == "Repository3.cs");
        var keyEdit = SyntheticProject.Repository(3, edit: 0).Replace("\"r3:m0:user:", "\"r3:m0:usr:", System.StringComparison.Ordinal);
        driver = driver.RunGenerators(edited.ReplaceSyntaxTree(repository, CSharpSyntaxTree.ParseText(keyEdit, ParseOptions, "Repository3.cs")));
        AppendSteps(text, "run after a key edited in one repository", driver);
        return text.ToString();
    }

    private static void AppendSteps(StringBuilder text, string title, GeneratorDriver driver)
    {
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{title}: {driver.GetTimingInfo().ElapsedTime.TotalMilliseconds:0.0} ms"));
        foreach (var (name, steps) in driver.GetRunResult().Results[0].TrackedSteps.OrderByDescending(s => s.Value.Sum(x => x.ElapsedTime.Ticks)).Take(12))
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: {steps.Sum(x => x.ElapsedTime.TotalMilliseconds):0.0} ms over {steps.Length} runs, reasons {string.Join(",", steps.SelectMany(x => x.Outputs).GroupBy(o => o.Reason).Select(g => g.Key + "=" + g.Count()))}"));
        }
    }
}
