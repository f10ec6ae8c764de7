extern alias GeneratorAssembly;

using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using CachingGenGenerator = GeneratorAssembly::CachingGen.Generator.CachingGenGenerator;

namespace CachingGen.Benchmarks.Generator;

/// <summary>
/// Puts the generator's cold time next to what any attribute-driven generator pays on the same fresh
/// compilation: a generator that only finds the attributed methods, one that also reads their signatures,
/// one that also reads their class's interfaces, and Microsoft's LoggerMessage generator on 1,000
/// [LoggerMessage] methods. Same process, warm (JIT-compiled) drivers, fresh compilation per run.
/// </summary>
public static class GeneratorFloor
{
    private static readonly CSharpParseOptions ParseOptions = SyntheticCompilation.ParseOptions;

    public sealed record Row(string Name, int Methods, TimeSpan Median, TimeSpan Min, TimeSpan Max);

    public static IReadOnlyList<Row> Measure(int repositories, int repeats)
    {
        var logging = LoggerMessageGenerator();
        var candidates = new List<(string Name, Func<ISourceGenerator> Create, Func<int, CSharpCompilation> Compile)>
        {
            ("find the [Cached]/[Invalidates] methods only (ForAttributeWithMetadataName)", () => new CachingGen.Benchmarks.Floor.FindOnlyGenerator(readSignatures: false, readInterfaces: false).AsSourceGenerator(), CachingGenCompilation),
            ("… and read each method's signature", () => new CachingGen.Benchmarks.Floor.FindOnlyGenerator(readSignatures: true, readInterfaces: false).AsSourceGenerator(), CachingGenCompilation),
            ("… and each class's interface members", () => new CachingGen.Benchmarks.Floor.FindOnlyGenerator(readSignatures: true, readInterfaces: true).AsSourceGenerator(), CachingGenCompilation),
            ("CachingGen generator", () => new CachingGenGenerator().AsSourceGenerator(), CachingGenCompilation),
        };
        if (logging is not null)
        {
            candidates.Add(("LoggerMessage generator, 1,000 [LoggerMessage] methods in 100 classes", logging, LoggingCompilation));
        }

        foreach (var (_, create, compile) in candidates)
        {
            Run(create(), compile(5)); // JIT the generator and the driver on another compilation
        }

        // Round-robin, each run on a fresh compilation after a full collection, so that no candidate inherits
        // another's garbage or always runs first.
        var times = candidates.Select(_ => new List<TimeSpan>()).ToList();
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            for (var c = 0; c < candidates.Count; c++)
            {
                var compilation = candidates[c].Compile(repositories);
                GC.Collect();
                GC.WaitForPendingFinalizers();
                times[c].Add(Run(candidates[c].Create(), compilation));
            }
        }

        var rows = new List<Row>();
        for (var c = 0; c < candidates.Count; c++)
        {
            var sorted = times[c].Order().ToList();
            rows.Add(new Row(candidates[c].Name, repositories * SyntheticProject.MethodsPerRepository, sorted[sorted.Count / 2], sorted[0], sorted[^1]));
        }

        return rows;
    }

    public static string Markdown(IReadOnlyList<Row> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| generator (fresh compilation, warm driver) | methods | median | min–max | vs CachingGen |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        var ours = rows.Single(r => r.Name == "CachingGen generator").Median;
        foreach (var r in rows)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Name} | {r.Methods:N0} | {r.Median.TotalMilliseconds:0.0} ms | {r.Min.TotalMilliseconds:0}–{r.Max.TotalMilliseconds:0} ms | {r.Median / ours:0.00}× |"));
        }

        return text.ToString();
    }

    private static TimeSpan Run(ISourceGenerator generator, CSharpCompilation compilation)
        => CSharpGeneratorDriver.Create([generator], parseOptions: ParseOptions).RunGenerators(compilation).GetTimingInfo().ElapsedTime;

    private static CSharpCompilation CachingGenCompilation(int repositories)
        => SyntheticCompilation.Create("Synthetic" + repositories, SyntheticProject.Files(repositories));

    private static CSharpCompilation LoggingCompilation(int repositories)
        => SyntheticCompilation.Create("Logging" + repositories, LoggerMessageProject.Files(repositories, SyntheticProject.MethodsPerRepository));

    /// <summary>The generator shipped in Microsoft.Extensions.Logging.Abstractions, from the NuGet cache (null when absent).</summary>
    private static Func<ISourceGenerator>? LoggerMessageGenerator()
    {
        var version = typeof(Microsoft.Extensions.Logging.ILogger).Assembly.GetName().Version!;
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var folder = Path.Combine(packages, "microsoft.extensions.logging.abstractions");
        var path = Directory.Exists(folder)
            ? Directory.GetDirectories(folder)
                .Where(d => Path.GetFileName(d).StartsWith(version.Major + ".", StringComparison.Ordinal))
                .Select(d => Path.Combine(d, "analyzers", "dotnet", "roslyn4.4", "cs", "Microsoft.Extensions.Logging.Generators.dll"))
                .LastOrDefault(File.Exists)
            : null;
        if (path is null)
        {
            return null;
        }

        var reference = new AnalyzerFileReference(path, new AssemblyLoader());
        return () => reference.GetGenerators(LanguageNames.CSharp).Single();
    }

    private sealed class AssemblyLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public System.Reflection.Assembly LoadFromPath(string fullPath) => System.Reflection.Assembly.LoadFrom(fullPath);
    }
}
