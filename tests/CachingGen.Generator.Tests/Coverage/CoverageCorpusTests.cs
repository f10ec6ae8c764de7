using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using CachingGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace CachingGen.Generator.Tests.Coverage;

/// <summary>
/// CG0029 on the corpus: its findings against the reviewer's marks. The figures are the ones docs/diagnostics/CG0029.md
/// reports; a change to the analysis that moves them must move the page too.
/// </summary>
public sealed partial class CoverageCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Precision_and_recall_on_the_corpus_are_the_documented_ones()
    {
        var truePositives = 0;
        var falsePositives = new List<string>();
        var falseNegatives = new List<string>();
        foreach (var (name, source) in CoverageCorpus.Repositories)
        {
            var diagnostics = await GeneratorHarness.AnalyzeAsync(GeneratorHarness.CreateCompilation(CoverageSources.Data, source));
            var errors = diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, name + ": " + string.Join("\n", errors));
            var found = diagnostics.Where(d => d.Id == "CG0029").Select(d => DiagnosticAssert.Underlined(d) + "→" + d.Properties["ReadMethod"]).ToHashSet(StringComparer.Ordinal);
            var marked = Bug().Matches(source).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            truePositives += found.Intersect(marked).Count();
            falsePositives.AddRange(found.Except(marked).Select(f => name + ": " + f));
            falseNegatives.AddRange(marked.Except(found).Select(f => name + ": " + f));
        }

        var precision = (double)truePositives / (truePositives + falsePositives.Count);
        var recall = (double)truePositives / (truePositives + falseNegatives.Count);
        output.WriteLine($"{CoverageCorpus.Repositories.Length} repositories, {truePositives} true positives; precision {precision:P0}, recall {recall:P0}");
        output.WriteLine("false positives: " + string.Join("; ", falsePositives));
        output.WriteLine("false negatives: " + string.Join("; ", falseNegatives));

        Assert.Equal(7, truePositives);
        Assert.Equal(["products: a write to a column the read does not return: CountViewAsync→NameAsync"], falsePositives);
        Assert.Equal(["ledger: a stored procedure, and SQL built at run time: CorrectAsync→BalanceAsync"], falseNegatives);
    }

    [GeneratedRegex(@"// bug: (\w+→\w+)")]
    private static partial Regex Bug();
}
