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

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Error(int location, string placeholder, string suggestion)
        => new Microsoft.CodeAnalysis.Testing.DiagnosticResult("CG0001", DiagnosticSeverity.Error)
            .WithLocation(location)
            .WithArguments(placeholder, placeholder.StartsWith("ordr", System.StringComparison.Ordinal) ? "ForOrderAsync" : "GetAsync", $"; did you mean '<{suggestion}>'?");
}
