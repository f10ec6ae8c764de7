using System;
using System.Linq;
using System.Threading.Tasks;
using CachingGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace CachingGen.Generator.Tests;

/// <summary>The generator and the analyzer survive half-typed source: every prefix of a real repository file.</summary>
public sealed class RobustnessTests
{
    [Fact]
    public async Task Every_truncation_of_a_repository_file_runs_without_generator_or_analyzer_exceptions()
    {
        var source = TestSources.Accounts;
        var tokens = CSharpSyntaxTree.ParseText(source).GetRoot().DescendantTokens().ToList();
        var runs = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var prefix = source[..tokens[i].Span.End];
            var compilation = GeneratorHarness.CreateCompilation(prefix);
            var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
            var result = driver.GetRunResult().Results.Single();
            Assert.True(result.Exception is null, $"generator threw at token {i}: {result.Exception}");
            Assert.DoesNotContain(generatorDiagnostics, d => d.Id is "CS8785");

            // Whatever the generator emitted must not add compiler errors of its own.
            var generatedErrors = output.GetDiagnostics()
                .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && tree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal))
                .ToList();
            Assert.True(generatedErrors.Count == 0, $"generated code does not compile at token {i}: {string.Join("; ", generatedErrors)}");

            if (i % 8 == 0)
            {
                var analyzerDiagnostics = await GeneratorHarness.AnalyzeAsync(prefix);
                Assert.DoesNotContain(analyzerDiagnostics, d => d.Id == "AD0001");
            }

            runs++;
        }

        Assert.True(runs == tokens.Count && runs > 500, $"only {runs} prefixes");
    }
}
