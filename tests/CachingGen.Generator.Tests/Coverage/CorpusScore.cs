using System.Text.RegularExpressions;

namespace CachingGen.Generator.Tests.Coverage;

/// <summary>
/// CG0029's findings on a corpus against the reviewer's marks (<c>// bug: Writer→Read</c>): true positives, and each
/// false positive and false negative as <c>name: Writer→Read</c>.
/// </summary>
internal sealed partial class CorpusScore
{
    public int TruePositives { get; private set; }

    public List<string> FalsePositives { get; } = [];

    public List<string> FalseNegatives { get; } = [];

    public double Precision => (double)TruePositives / Math.Max(1, TruePositives + FalsePositives.Count);

    public double Recall => (double)TruePositives / Math.Max(1, TruePositives + FalseNegatives.Count);

    public static async Task<CorpusScore> MeasureAsync(string data, IEnumerable<(string Name, string Source)> repositories)
    {
        var score = new CorpusScore();
        foreach (var (name, source) in repositories)
        {
            var diagnostics = await GeneratorHarness.AnalyzeAsync(GeneratorHarness.CreateCompilation(data, source));
            var errors = diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, name + ": " + string.Join("\n", errors));
            var found = Found(diagnostics).ToHashSet(StringComparer.Ordinal);
            var marked = Bug().Matches(source).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            score.TruePositives += found.Intersect(marked).Count();
            score.FalsePositives.AddRange(found.Except(marked).Select(f => name + ": " + f));
            score.FalseNegatives.AddRange(marked.Except(found).Select(f => name + ": " + f));
        }

        return score;
    }

    /// <summary>The CG0029s as <c>Writer→Read</c>, in order.</summary>
    public static IEnumerable<string> Found(IEnumerable<Microsoft.CodeAnalysis.Diagnostic> diagnostics)
        => diagnostics.Where(d => d.Id == "CG0029").Select(d => DiagnosticAssert.Underlined(d) + "→" + d.Properties["ReadMethod"]).Order(StringComparer.Ordinal);

    public override string ToString()
        => $"{TruePositives} true positives, {FalsePositives.Count} false positives, {FalseNegatives.Count} false negatives; precision {Precision:P1}, recall {Recall:P1}"
            + "\nfalse positives: " + string.Join("; ", FalsePositives)
            + "\nfalse negatives: " + string.Join("; ", FalseNegatives);

    [GeneratedRegex(@"// bug: (\w+→\w+)")]
    private static partial Regex Bug();
}
