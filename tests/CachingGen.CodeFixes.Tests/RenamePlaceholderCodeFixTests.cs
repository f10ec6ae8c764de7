using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = CachingGen.CodeFixes.Tests.CodeFixVerifier<CachingGen.CodeFixes.RenamePlaceholderCodeFix>;

namespace CachingGen.CodeFixes.Tests;

public sealed class RenamePlaceholderCodeFixTests
{
    [Fact]
    public async Task Unknown_placeholders_are_renamed_to_the_suggested_parameter_one_by_one_and_all_at_once()
    {
        var source = """
            using System.Threading.Tasks;
            using CachingGen;
            namespace App;
            public sealed class Order { public long Id { get; init; } }
            public interface IRepo { Task<int> GetAsync(long userId, long tokenId); Task<int> ForOrderAsync(Order order); }
            public sealed class Repo : IRepo
            {
                [Cached("00:01:00", "u:{|#0:<usrId>|}:t:{|#1:<tokenID>|}")]
                public Task<int> GetAsync(long userId, long tokenId) => Task.FromResult(1);

                [Cached("00:01:00", "o:{|#2:<ordr.Id>|}")]
                public Task<int> ForOrderAsync(Order order) => Task.FromResult(1);
            }
            """;
        var fixedSource = """
            using System.Threading.Tasks;
            using CachingGen;
            namespace App;
            public sealed class Order { public long Id { get; init; } }
            public interface IRepo { Task<int> GetAsync(long userId, long tokenId); Task<int> ForOrderAsync(Order order); }
            public sealed class Repo : IRepo
            {
                [Cached("00:01:00", "u:<userId>:t:<tokenId>")]
                public Task<int> GetAsync(long userId, long tokenId) => Task.FromResult(1);

                [Cached("00:01:00", "o:<order.Id>")]
                public Task<int> ForOrderAsync(Order order) => Task.FromResult(1);
            }
            """;

        await Verify.VerifyAsync(
            source,
            fixedSource,
            Error(0, "usrId", "userId"),
            Error(1, "tokenID", "tokenId"),
            Error(2, "ordr.Id", "order"));
    }

    [Fact]
    public async Task A_short_placeholder_is_renamed_to_the_one_parameter_that_contains_it_and_two_candidates_are_both_named()
    {
        var source = """
            using System.Threading.Tasks;
            using CachingGen;
            namespace App;
            public interface IRepo { Task<int> GetAsync(int productId); Task<int> PairAsync(int productId, int categoryId); }
            public sealed class Repo : IRepo
            {
                [Cached("00:01:00", "p:{|#0:<id>|}")]
                public Task<int> GetAsync(int productId) => Task.FromResult(1);

                [Cached("00:01:00", "pc:{|#1:<id>|}")]
                public Task<int> PairAsync(int productId, int categoryId) => Task.FromResult(1);
            }
            """;
        var fixedSource = source.Replace("{|#0:<id>|}", "<productId>", System.StringComparison.Ordinal).Replace("{|#1:<id>|}", "<id>", System.StringComparison.Ordinal);
        var test = Verify.Create(
            [source],
            [fixedSource],
            [
                new Microsoft.CodeAnalysis.Testing.DiagnosticResult("CG0001", DiagnosticSeverity.Error).WithLocation(0).WithArguments("id", "GetAsync", "; did you mean '<productId>'? (its parameters: productId)"),
                new Microsoft.CodeAnalysis.Testing.DiagnosticResult("CG0001", DiagnosticSeverity.Error).WithLocation(1).WithArguments("id", "PairAsync", "; did you mean '<productId>' or '<categoryId>'? (its parameters: productId, categoryId)"),
            ]);

        // The second has two candidates: no rename is guessed, so it stays.
        test.FixedState.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult("CG0001", DiagnosticSeverity.Error).WithSpan("File0.cs", 10, 29, 10, 33).WithArguments("id", "PairAsync", "; did you mean '<productId>' or '<categoryId>'? (its parameters: productId, categoryId)"));
        await test.RunAsync();
    }

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Error(int location, string placeholder, string suggestion)
        => new Microsoft.CodeAnalysis.Testing.DiagnosticResult("CG0001", DiagnosticSeverity.Error)
            .WithLocation(location)
            .WithArguments(placeholder, placeholder.StartsWith("ordr", System.StringComparison.Ordinal) ? "ForOrderAsync" : "GetAsync", $"; did you mean '<{suggestion}>'? (its parameters: {(suggestion == "order" ? "order" : "userId, tokenId")})");
}
