using System.Collections.Immutable;
using System.IO;
using System.Reflection;
using System.Threading;
using CachingGen.Generator.Analyzers;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CachingGen.Generator.Tests.Infrastructure;

/// <summary>Compiles user source with the generator in memory, and optionally loads and runs the result.</summary>
internal static class GeneratorHarness
{
    /// <summary>What a project referencing the package compiles with: interceptors allowed in CachingGen.Generated.</summary>
    public static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Latest)
        .WithFeatures([new KeyValuePair<string, string>("InterceptorsNamespaces", "CachingGen.Generated")]);

    /// <summary>A project where the compiler may not use the interceptors (no package build files).</summary>
    public static readonly CSharpParseOptions WithoutInterceptors = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    public static ImmutableArray<MetadataReference> References => s_references.Value;

    public static CSharpCompilation CreateCompilation(params string[] sources) => CreateCompilation(ParseOptions, sources);

    /// <summary>A compilation of a project whose compiler may not use the interceptors (CG0004/CG0007/CG0020 apply).</summary>
    public static CSharpCompilation CreateCompilationWithoutInterceptors(params string[] sources) => CreateCompilation(WithoutInterceptors, sources);

    public static CSharpCompilation CreateCompilation(CSharpParseOptions parseOptions, params string[] sources)
        => CSharpCompilation.Create(
            "UserAssembly" + Guid.NewGuid().ToString("N"),
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parseOptions, path: $"Source{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(bool trackSteps = false, CSharpParseOptions? parseOptions = null, AnalyzerConfigOptionsProvider? options = null, CachingGenGenerator? generator = null)
        => CSharpGeneratorDriver.Create(
            [(generator ?? new CachingGenGenerator()).AsSourceGenerator()],
            parseOptions: parseOptions ?? ParseOptions,
            optionsProvider: options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator; returns the generated sources by hint name and the compilation with them.</summary>
    public static (GeneratorDriverRunResult Result, Compilation Output) Run(CSharpCompilation compilation, AnalyzerConfigOptionsProvider? options = null)
    {
        var parseOptions = (CSharpParseOptions?)compilation.SyntaxTrees.FirstOrDefault()?.Options;
        var driver = CreateDriver(parseOptions: parseOptions, options: options).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        Assert.Empty(diagnostics);
        var result = driver.GetRunResult();
        Assert.All(result.Results, r => Assert.Null(r.Exception));
        return (result, output);
    }

    /// <summary>Generates, compiles (failing on any error or warning), and loads the assembly.</summary>
    public static Assembly CompileAndLoad(params string[] sources) => Assembly.Load(CompileImage(CreateCompilation(sources)).Image);

    /// <summary>Generates and compiles, failing on any error or warning; the assembly's bytes and the generator's run.</summary>
    public static (byte[] Image, GeneratorDriverRunResult Result) CompileImage(CSharpCompilation compilation, AnalyzerConfigOptionsProvider? options = null)
    {
        var (result, output) = Run(compilation, options);
        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        var problems = emit.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(emit.Success && problems.Count == 0, "Generated code did not compile cleanly:\n" + string.Join("\n", problems));
        return (stream.ToArray(), result);
    }

    /// <summary>Diagnostics of the analyzer on <paramref name="source"/>, plus compiler errors after generation.</summary>
    public static Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source, bool interceptors = true)
        => AnalyzeAsync(interceptors ? CreateCompilation(source) : CreateCompilationWithoutInterceptors(source));

    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, AnalyzerConfigOptionsProvider? options = null)
    {
        var analyzerOptions = options is null ? new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty) : new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, options);
        var withAnalyzers = compilation.WithAnalyzers([new CachingGenAnalyzer()], new CompilationWithAnalyzersOptions(
            analyzerOptions, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
        var diagnostics = await withAnalyzers.GetAllDiagnosticsAsync(CancellationToken.None);
        return diagnostics.Where(d => d.Id.StartsWith("CG", StringComparison.Ordinal) || d.Id == "AD0001").ToImmutableArray();
    }

    public static object CreateDecorator(Assembly assembly, string decoratorName, object inner, CachingGenCache cache)
    {
        var type = assembly.GetTypes().Single(t => t.Name == decoratorName);
        return Activator.CreateInstance(type, inner, cache)!;
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        paths.Add(typeof(CachedAttribute).Assembly.Location);
        // Sources that register repositories (the registration checks) call the DI abstractions.
        paths.Add(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location);
        // Interceptor scenarios build real containers, as an application would.
        paths.Add(typeof(Microsoft.Extensions.DependencyInjection.ServiceCollection).Assembly.Location);
        paths.Add(typeof(GeneratorHarness).Assembly.Location);
        return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }
}
