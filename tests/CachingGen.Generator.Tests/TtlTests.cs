using CachingGen.Generator.Parsing;

namespace CachingGen.Generator.Tests;

/// <summary>
/// The TTL grammar: what is accepted, and the exact span it means down to the tick emitted into the decorator.
/// What is rejected, with its message and span, is in <see cref="DiagnosticTests"/>.
/// </summary>
public sealed class TtlTests
{
    [Theory]
    [InlineData("500ms", 5_000_000L)]
    [InlineData("30s", 300_000_000L)]
    [InlineData("5m", 3_000_000_000L)]
    [InlineData("1h", 36_000_000_000L)]
    [InlineData("1d", 864_000_000_000L)]
    [InlineData("60d", 51_840_000_000_000L)]
    [InlineData("00:05:00", 3_000_000_000L)]
    [InlineData("00:00:05", 50_000_000L)]
    [InlineData("23:59:59", 863_990_000_000L)]
    [InlineData("1.00:00:00", 864_000_000_000L)]
    [InlineData("00:00:00.5", 5_000_000L)]
    [InlineData("00:00:00.0000001", 1L)]
    [InlineData("10675199.02:48:05.4775807", long.MaxValue)]
    public void Accepted_ttl_is_the_exact_time_span(string text, long ticks)
    {
        var result = TtlParser.Parse(text);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(TimeSpan.FromTicks(ticks), result.Ttl);
        Assert.Empty(result.Suggestions);
    }

    [Theory]
    [InlineData("5", "5s|5m|5h|5d")]
    [InlineData("00:05", "00:05:00|00:00:05")]
    [InlineData("2.5m", "150s|00:02:30")]
    [InlineData("1.5d", "36h|1.12:00:00")]
    [InlineData("5 Minutes", "5m")]
    public void Every_suggestion_is_itself_a_valid_ttl(string text, string suggestions)
    {
        var result = TtlParser.Parse(text);

        Assert.False(result.IsValid);
        Assert.Equal(suggestions, string.Join("|", result.Suggestions));
        Assert.All(result.Suggestions, s => Assert.True(TtlParser.Parse(s).IsValid, s));
    }

    [Theory]
    [InlineData("5m", "global::System.TimeSpan.FromTicks(3000000000L) /* 5m */")]
    [InlineData("500ms", "global::System.TimeSpan.FromTicks(5000000L) /* 500ms */")]
    [InlineData("1d", "global::System.TimeSpan.FromTicks(864000000000L) /* 1d */")]
    [InlineData("00:00:00.5", "global::System.TimeSpan.FromTicks(5000000L) /* 00:00:00.5 */")]
    public void Generator_emits_the_ticks_of_the_ttl_with_the_text_as_written(string ttl, string expected)
    {
        var source = $$"""
            using System.Threading.Tasks;
            using CachingGen;
            namespace App;
            public interface IRepo { Task<string> GetAsync(long id); }
            public sealed class Repo : IRepo
            {
                [Cached(ttl: "{{ttl}}", key: "r:<id>")]
                public Task<string> GetAsync(long id) => Task.FromResult("");
            }
            """;

        var (result, output) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(source));
        var generated = string.Join("\n", result.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()));

        Assert.Contains(expected, generated, StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}
