using Xunit.Abstractions;

namespace CachingGen.Generator.Tests.Coverage;

/// <summary>
/// CG0029 on the synthetic corpus: its findings against the reviewer's marks. The figures are the ones docs/diagnostics/CG0029.md
/// reports; a change to the analysis that moves them must move the page too.
/// </summary>
public sealed class CoverageCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Precision_and_recall_on_the_corpus_are_the_documented_ones()
    {
        var score = await CorpusScore.MeasureAsync(CoverageSources.Data, CoverageCorpus.Repositories);
        output.WriteLine($"{CoverageCorpus.Repositories.Length} repositories, {score}");

        Assert.Equal(7, score.TruePositives);
        Assert.Empty(score.FalsePositives);
        Assert.Equal(["ledger: a stored procedure, and SQL built at run time: CorrectAsync→BalanceAsync"], score.FalseNegatives);
    }
}
