using Verify = CachingGen.CodeFixes.Tests.CodeFixVerifier<CachingGen.CodeFixes.RenamePlaceholderCodeFix>;

namespace CachingGen.CodeFixes.Tests;

public sealed class RenamePlaceholderCodeFixTests
{
    private static readonly UserSource App = UserSource.Using("System.Threading.Tasks", "CachingGen").Namespace("App");

    [Fact]
    public async Task Unknown_placeholders_are_renamed_to_the_suggested_parameter_one_by_one_and_all_at_once()
    {
        string source = App.Declare("public sealed class Order { public long Id { get; init; } }")
            .Repository("IRepo", "Task<int> GetAsync(long userId, long tokenId); Task<int> ForOrderAsync(Order order);", """
                [Cached("00:01:00", "u:{|#0:<usrId>|}:t:{|#1:<tokenID>|}")]
                public Task<int> GetAsync(long userId, long tokenId) => Task.FromResult(1);

                [Cached("00:01:00", "o:{|#2:<ordr.Id>|}")]
                public Task<int> ForOrderAsync(Order order) => Task.FromResult(1);
                """);
        var fixedSource = UserSource.Edited(source, ("{|#0:<usrId>|}", "<userId>"), ("{|#1:<tokenID>|}", "<tokenId>"), ("{|#2:<ordr.Id>|}", "<order.Id>"));

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
        string source = App.Repository("IRepo", "Task<int> GetAsync(int productId); Task<int> PairAsync(int productId, int categoryId);", """
            [Cached("00:01:00", "p:{|#0:<id>|}")]
            public Task<int> GetAsync(int productId) => Task.FromResult(1);

            [Cached("00:01:00", "pc:{|#1:<id>|}")]
            public Task<int> PairAsync(int productId, int categoryId) => Task.FromResult(1);
            """);
        var fixedSource = UserSource.Edited(source, ("{|#0:<id>|}", "<productId>"), ("{|#1:<id>|}", "<id>"));
        var test = Verify.Create(
            [source],
            [fixedSource],
            [
                new DiagnosticResult("CG0001", DiagnosticSeverity.Error).WithLocation(0).WithArguments("id", "GetAsync", "; did you mean '<productId>'? (its parameters: productId)"),
                new DiagnosticResult("CG0001", DiagnosticSeverity.Error).WithLocation(1).WithArguments("id", "PairAsync", "; did you mean '<productId>' or '<categoryId>'? (its parameters: productId, categoryId)"),
            ]);

        // The second has two candidates: no rename is guessed, so it stays.
        test.FixedState.ExpectedDiagnostics.Add(new DiagnosticResult("CG0001", DiagnosticSeverity.Error).WithSpan("File0.cs", 10, 29, 10, 33).WithArguments("id", "PairAsync", "; did you mean '<productId>' or '<categoryId>'? (its parameters: productId, categoryId)"));
        await test.RunAsync();
    }

    private static DiagnosticResult Error(int location, string placeholder, string suggestion)
        => new DiagnosticResult("CG0001", DiagnosticSeverity.Error)
            .WithLocation(location)
            .WithArguments(placeholder, placeholder.StartsWith("ordr", StringComparison.Ordinal) ? "ForOrderAsync" : "GetAsync", $"; did you mean '<{suggestion}>'? (its parameters: {(suggestion == "order" ? "order" : "userId, tokenId")})");
}
