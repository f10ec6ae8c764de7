using Verify = CachingGen.CodeFixes.Tests.CodeFixVerifier<CachingGen.CodeFixes.UseSuggestedTtlCodeFix>;

namespace CachingGen.CodeFixes.Tests;

public sealed class UseSuggestedTtlCodeFixTests
{
    private static readonly UserSource App = UserSource.Using("System.Threading.Tasks", "CachingGen").Namespace("App");

    private const string NoUnit = "'5' has no unit; TimeSpan would read it as 5 days. Write \"5s\", \"5m\", \"5h\" or \"5d\" (or \"00:00:05\")";

    private const string HoursMinutes = "'00:05' is hh:mm to TimeSpan (5 minutes) but reads like mm:ss; write \"00:05:00\" for 5 minutes or \"00:00:05\" for 5 seconds";

    [Theory]
    [InlineData("5", "5s", "Use \"5s\" (5 seconds)", NoUnit)]
    [InlineData("5", "5m", "Use \"5m\" (5 minutes)", NoUnit)]
    [InlineData("5", "5h", "Use \"5h\" (5 hours)", NoUnit)]
    [InlineData("5", "5d", "Use \"5d\" (5 days)", NoUnit)]
    [InlineData("00:05", "00:05:00", "Use \"00:05:00\" (5 minutes)", HoursMinutes)]
    [InlineData("00:05", "00:00:05", "Use \"00:00:05\" (5 seconds)", HoursMinutes)]
    public async Task Each_reading_of_an_ambiguous_ttl_is_its_own_action(string ttl, string fixedTtl, string title, string reason)
    {
        await Verify.VerifyActionAsync(
            Repository($"{{|#0:\"{ttl}\"|}}"),
            Repository($"\"{fixedTtl}\""),
            "UseSuggestedTtlCodeFix:" + fixedTtl,
            title,
            Error(reason));
    }

    [Fact]
    public async Task A_verbatim_literal_becomes_a_regular_one_and_fix_all_applies_the_same_suggestion_everywhere()
    {
        await Verify.VerifyActionAsync(
            Repository("ttl: {|#0:@\"5\"|}", "{|#1:\"5\"|}"),
            Repository("ttl: \"5m\"", "\"5m\""),
            "UseSuggestedTtlCodeFix:5m",
            "Use \"5m\" (5 minutes)",
            Error(NoUnit, 0),
            Error(NoUnit, 1, "CountAsync"));
    }

    [Fact]
    public async Task No_fix_is_offered_for_a_constant_or_when_nothing_is_obvious()
    {
        var source = Repository("{|#0:Ttl|}", "{|#1:\"soon\"|}");

        await Verify.VerifyAsync(
            source,
            source,
            Error(NoUnit, 0),
            Error("'soon' is not a TTL; write a whole number with a unit (\"500ms\", \"30s\", \"5m\", \"1h\", \"1d\") or [d.]hh:mm:ss (\"00:05:00\", \"1.00:00:00\")", 1, "CountAsync"));
    }

    [Fact]
    public async Task A_policy_duration_with_a_typo_CG0026_gets_the_same_fix()
    {
        static string Source(string failSafe) => App.Repository("IRepo", "Task<int> GetAsync(long id);", $$"""
            [Cached("1m", "g:<id>", FailSafe = {{failSafe}})]
            public Task<int> GetAsync(long id) => Task.FromResult(1);
            """);

        await Verify.VerifyActionAsync(
            Source("{|#0:\"1 hour\"|}"),
            Source("\"1h\""),
            "UseSuggestedTtlCodeFix:only",
            "Use \"1h\" (1 hour)",
            new DiagnosticResult("CG0026", DiagnosticSeverity.Error).WithLocation(0).WithArguments("FailSafe", "Task<int> Repo.GetAsync(long id)", "'1 hour' has an unknown unit 'hour'; the units are ms, s, m, h and d, right after the number: write \"1h\" (1 hour)"));
    }

    /// <summary>Two cached methods with the given TTL expressions; <c>Ttl</c> names a constant "5".</summary>
    private static string Repository(string getTtl, string countTtl = "\"1m\"") => App.Repository("IRepo", "Task<int> GetAsync(long id); Task<int> CountAsync(long id);", $$"""
        private const string Ttl = "5";

        [Cached({{getTtl}}, "g:<id>")]
        public Task<int> GetAsync(long id) => Task.FromResult(1);

        [Cached({{countTtl}}, "c:<id>")]
        public Task<int> CountAsync(long id) => Task.FromResult(1);
        """);

    private static DiagnosticResult Error(string reason, int location = 0, string method = "GetAsync")
        => new DiagnosticResult("CG0003", DiagnosticSeverity.Error).WithLocation(location).WithArguments($"Task<int> Repo.{method}(long id)", reason);
}
