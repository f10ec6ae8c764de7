extern alias GeneratorAssembly;

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using CachingGenGenerator = GeneratorAssembly::CachingGen.Generator.CachingGenGenerator;

namespace CachingGen.Benchmarks.Generator;

/// <summary>
/// What finding call sites costs the generator: the synthetic project (100 repositories, 1,000 annotated methods)
/// plus 100 files of 100 calls each made on the repository classes (10,000 call sites), with interceptors on, next
/// to the same sources with interceptors off (the namespace not allowed, so no call site is examined). Cold, after
/// an edit inside one calling method's body, and after an edit to an unrelated file.
/// </summary>
public static class InterceptorCost
{
    public sealed record Result(string Setup, TimeSpan Cold, TimeSpan BodyEdit, int BodyRegenerated, TimeSpan UnrelatedEdit, int UnrelatedRegenerated, int Outputs);

    public static readonly CSharpParseOptions WithInterceptors = SyntheticCompilation.ParseOptions
        .WithFeatures([new KeyValuePair<string, string>("InterceptorsNamespaces", "CachingGen.Generated")]);

    public static IReadOnlyList<Result> Measure(int repositories, int callFiles, int repeats)
    {
        // Warm-up: JIT the generator and Roslyn's pipeline, both ways.
        for (var i = 0; i < 3; i++)
        {
            MeasureOnce(SyntheticCompilation.ParseOptions, 20, 20);
            MeasureOnce(WithInterceptors, 20, 20);
        }

        // Alternate the two setups, so that neither pays alone for the JIT's tiering or the heap's growth.
        var off = new List<Result>();
        var on = new List<Result>();
        for (var i = 0; i < repeats; i++)
        {
            off.Add(MeasureOnce(SyntheticCompilation.ParseOptions, repositories, callFiles));
            on.Add(MeasureOnce(WithInterceptors, repositories, callFiles));
        }

        static Result Summary(string name, List<Result> runs)
        {
            TimeSpan Median(Func<Result, TimeSpan> pick) => runs.Select(pick).Order().ElementAt(runs.Count / 2);
            return runs[0] with { Setup = name, Cold = Median(r => r.Cold), BodyEdit = Median(r => r.BodyEdit), UnrelatedEdit = Median(r => r.UnrelatedEdit) };
        }

        return [Summary("interceptors off", off), Summary("interceptors on", on)];
    }

    /// <summary>A loop to attach a profiler to (dotnet-trace): cold runs with interceptors on.</summary>
    public static void Profile(int runs)
    {
        for (var i = 0; i < runs; i++)
        {
            MeasureOnce(WithInterceptors, 100, 100);
        }
    }

    public static string Markdown(IReadOnlyList<Result> results)
    {
        var baseline = results[0];
        var text = new StringBuilder();
        text.AppendLine("| setup | cold run | ratio | edit in one calling method | ratio | outputs regenerated | edit unrelated file | ratio | outputs regenerated |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Setup} | {r.Cold.TotalMilliseconds:0.0} ms | {r.Cold / baseline.Cold:0.00}× | {r.BodyEdit.TotalMilliseconds:0.0} ms | {r.BodyEdit / baseline.BodyEdit:0.00}× | {r.BodyRegenerated} of {r.Outputs} | {r.UnrelatedEdit.TotalMilliseconds:0.0} ms | {r.UnrelatedEdit / baseline.UnrelatedEdit:0.00}× | {r.UnrelatedRegenerated} of {r.Outputs} |"));
        }

        return text.ToString();
    }

    private static Result MeasureOnce(CSharpParseOptions options, int repositories, int callFiles)
    {
        var files = SyntheticProject.Files(repositories).Concat(Enumerable.Range(0, callFiles).Select(f => ($"Calls{f}.cs", Calls(f, repositories, edit: 0))));
        var compilation = SyntheticCompilation.Create("Intercepted" + repositories, files, options);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var driver = (GeneratorDriver)CSharpGeneratorDriver.Create(
            [new CachingGenGenerator().AsSourceGenerator()],
            parseOptions: options,
            // No step tracking, as in a real build: Roslyn's tracking records every input of every output, which for
            // one step with 10,000 outputs costs far more than the generator.
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
        driver = driver.RunGenerators(compilation);
        var cold = driver.GetTimingInfo().ElapsedTime;
        var before = Sources(driver);
        var outputs = before.Count;

        var calls = compilation.SyntaxTrees.Single(t => t.FilePath == "Calls3.cs");
        var afterBody = compilation.ReplaceSyntaxTree(calls, CSharpSyntaxTree.ParseText(Calls(3, repositories, edit: 1), options, "Calls3.cs"));
        driver = driver.RunGenerators(afterBody);
        var body = driver.GetTimingInfo().ElapsedTime;
        var afterBodySources = Sources(driver);
        var bodyRegenerated = Changed(before, afterBodySources);

        var unrelated = afterBody.SyntaxTrees.Single(t => t.FilePath == "Unrelated.cs");
        var afterUnrelated = afterBody.ReplaceSyntaxTree(unrelated, CSharpSyntaxTree.ParseText(SyntheticProject.Unrelated(1), options, "Unrelated.cs"));
        driver = driver.RunGenerators(afterUnrelated);
        var unrelatedTime = driver.GetTimingInfo().ElapsedTime;
        return new Result(string.Empty, cold, body, bodyRegenerated, unrelatedTime, Changed(afterBodySources, Sources(driver)), outputs);
    }

    /// <summary>
    /// 100 calls on repository classes in one file: ten methods each calling ten [Cached]/[Invalidates] methods of
    /// two repositories, plus ordinary calls the syntax filter lets through and the semantic check turns away.
    /// </summary>
    public static string Calls(int file, int repositories, int edit)
    {
        var text = new StringBuilder();
        text.AppendLine("using System.Threading.Tasks;");
        text.AppendLine($"namespace Synthetic.Calls{file};");
        text.AppendLine($"public static class Caller{file}");
        text.AppendLine("{");
        for (var m = 0; m < 10; m++)
        {
            var r = (file * 10 + m) % repositories;
            var repository = $"global::Synthetic.Data{r % 10}.Repository{r}";
            text.AppendLine($"    public static async Task<int> Run{m}Async({repository} repository, long userId)");
            text.AppendLine("    {");
            text.AppendLine($"        var total = {(m == 0 ? edit : 0)} + System.Math.Max(1, 2);");
            for (var c = 0; c < 8; c++)
            {
                text.AppendLine($"        total += (await repository.Find{c}Async(userId, {c})).Count;");
            }

            text.AppendLine("        await repository.Update0Async(1, userId);");
            text.AppendLine("        await repository.Update1Async(1, userId);");
            text.AppendLine("        return total.ToString().Length;");
            text.AppendLine("    }");
        }

        text.AppendLine("}");
        return text.ToString();
    }

    private static Dictionary<string, string> Sources(GeneratorDriver driver)
        => driver.GetRunResult().Results[0].GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    /// <summary>Outputs that are new or whose text changed.</summary>
    private static int Changed(Dictionary<string, string> before, Dictionary<string, string> after)
        => after.Count(pair => !before.TryGetValue(pair.Key, out var old) || old != pair.Value);
}
