using System.IO;
using CachingGen.Generator.Analyzers;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;

namespace CachingGen.CodeFixes.Tests;

/// <summary>
/// Runs the Roslyn code-fix test framework (which also checks fix-all in document, project and solution)
/// with the analyzer and a fix. References come from this test process, not from a NuGet download, so the
/// tests run offline.
/// </summary>
internal static class CodeFixVerifier<TCodeFix>
    where TCodeFix : CodeFixProvider, new()
{
    public static Task VerifyAsync(string source, string fixedSource, params DiagnosticResult[] expected)
        => VerifyAsync(new[] { source }, new[] { fixedSource }, expected);

    public static Task VerifyAsync(string[] sources, string[] fixedSources, params DiagnosticResult[] expected)
        => Create(sources, fixedSources, expected).RunAsync();

    /// <summary>For a fix that offers several actions: applies the one with <paramref name="equivalenceKey"/> and checks its title.</summary>
    public static Task VerifyActionAsync(string source, string fixedSource, string equivalenceKey, string title, params DiagnosticResult[] expected)
    {
        var test = Create(new[] { source }, new[] { fixedSource }, expected);
        test.CodeActionEquivalenceKey = equivalenceKey;
        test.CodeActionVerifier = (action, verifier) => verifier.Equal(title, action.Title);
        return test.RunAsync();
    }

    public static CSharpCodeFixTest<CachingGenAnalyzer, TCodeFix, DefaultVerifier> Create(string[] sources, string[] fixedSources, DiagnosticResult[] expected)
    {
        var test = new CSharpCodeFixTest<CachingGenAnalyzer, TCodeFix, DefaultVerifier>
        {
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        for (var i = 0; i < sources.Length; i++)
        {
            test.TestState.Sources.Add(($"File{i}.cs", sources[i]));
            test.FixedState.Sources.Add(($"File{i}.cs", fixedSources[i]));
        }

        test.TestState.AdditionalReferences.AddRange(References.Value);
        test.ExpectedDiagnostics.AddRange(expected);
        return test;
    }

    /// <summary>A diagnostic of <paramref name="id"/> with the analyzer's own default severity.</summary>
    public static DiagnosticResult Diagnostic(string id) => new(new CachingGenAnalyzer().SupportedDiagnostics.Single(d => d.Id == id));

    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll");
        return platform
            .Append(typeof(CachedAttribute).Assembly.Location)
            .Distinct()
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray();
    });
}
