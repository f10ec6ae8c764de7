using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = CachingGen.CodeFixes.Tests.CodeFixVerifier<CachingGen.CodeFixes.UseSuggestedTtlCodeFix>;

namespace CachingGen.CodeFixes.Tests;

public sealed class UseSuggestedTtlCodeFixTests
{
    private const string NoUnit = "'5' has no unit; TimeSpan would read it as 5 days. Write \"5s\", \"5m\", \"5h\" or \"5d\" (or \"00:00:05\")";

    private const string HoursMinutes = "'00:05' is hh:mm to TimeSpan (5 minutes) but reads like mm:ss; write \"00:05:00\" for 5 minutes or \"00:00:05\" for 5 seconds";

    [Theory]
    [InlineData("5s", "Use \"5s\" (5 seconds)")]
    [InlineData("5m", "Use \"5m\" (5 minutes)")]
    [InlineData("5h", "Use \"5h\" (5 hours)")]
    [InlineData("5d", "Use \"5d\" (5 days)")]
    public async Task A_number_without_a_unit_offers_each_unit(string ttl, string title)
    {
        await Verify.VerifyActionAsync(
            Source("{|#0:\"5\"|}"),
            Source($"\"{ttl}\""),
            "UseSuggestedTtlCodeFix:" + ttl,
            title,
            Error(NoUnit));
    }

    [Theory]
    [InlineData("00:05:00", "Use \"00:05:00\" (5 minutes)")]
    [InlineData("00:00:05", "Use \"00:00:05\" (5 seconds)")]
    public async Task Hours_and_minutes_offer_both_readings(string ttl, string title)
    {
        await Verify.VerifyActionAsync(
            Source("{|#0:\"00:05\"|}"),
            Source($"\"{ttl}\""),
            "UseSuggestedTtlCodeFix:" + ttl,
            title,
            Error(HoursMinutes));
    }

    [Fact]
    public async Task A_verbatim_literal_becomes_a_regular_one_and_fix_all_applies_the_same_suggestion_everywhere()
    {
        var source = """
            using System.Threading.Tasks;
            using CachingGen;
            namespace App;
            public interface IRepo { Task<int> GetAsync(long id); Task<int> CountAsync(long id); }
            public sealed class Repo : IRepo
            {
                [Cached(ttl: {|#0:@"5"|}, key: "g:<id>")]
                public Task<int> GetAsync(long id) => Task.FromResult(1);

                [Cached({|#1:"5"|}, "c:<id>")]
                public Task<int> CountAsync(long id) => Task.FromResult(1);
            }
            """;
        var fixedSource = """
            using System.Threading.Tasks;
            using CachingGen;
            namespace App;
            public interface IRepo { Task<int> GetAsync(long id); Task<int> CountAsync(long id); }
            public sealed class Repo : IRepo
            {
                [Cached(ttl: "5m", key: "g:<id>")]
                public Task<int> GetAsync(long id) => Task.FromResult(1);

                [Cached("5m", "c:<id>")]
                public Task<int> CountAsync(long id) => Task.FromResult(1);
            }
            """;

        await Verify.VerifyActionAsync(
            source,
            fixedSource,
            "UseSuggestedTtlCodeFix:5m",
            "Use \"5m\" (5 minutes)",
            Error(NoUnit, 0),
            Error(NoUnit, 1, "CountAsync"));
    }

    [Fact]
    public async Task No_fix_is_offered_for_a_constant_or_when_nothing_is_obvious()
    {
        var source = """
            using System.Threading.Tasks;
            using CachingGen;
            namespace App;
            public interface IRepo { Task<int> GetAsync(long id); Task<int> CountAsync(long id); }
            public sealed class Repo : IRepo
            {
                private const string Ttl = "5";

                [Cached({|#0:Ttl|}, "g:<id>")]
                public Task<int> GetAsync(long id) => Task.FromResult(1);

                [Cached({|#1:"soon"|}, "c:<id>")]
                public Task<int> CountAsync(long id) => Task.FromResult(1);
            }
            """;

        await Verify.VerifyAsync(
            source,
            source,
            Error(NoUnit, 0),
            Error("'soon' is not a TTL; write a whole number with a unit (\"500ms\", \"30s\", \"5m\", \"1h\", \"1d\") or [d.]hh:mm:ss (\"00:05:00\", \"1.00:00:00\")", 1, "CountAsync"));
    }

    private static string Source(string ttlLiteral) => $$"""
        using System.Threading.Tasks;
        using CachingGen;
        namespace App;
        public interface IRepo { Task<int> GetAsync(long id); }
        public sealed class Repo : IRepo
        {
            [Cached({{ttlLiteral}}, "g:<id>")]
            public Task<int> GetAsync(long id) => Task.FromResult(1);
        }
        """;

    private static DiagnosticResult Error(string reason, int location = 0, string method = "GetAsync")
        => new DiagnosticResult("CG0003", DiagnosticSeverity.Error).WithLocation(location).WithArguments($"Task<int> Repo.{method}(long id)", reason);
}
