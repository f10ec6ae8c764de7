using Verify = CachingGen.CodeFixes.Tests.CodeFixVerifier<CachingGen.CodeFixes.AddParameterToKeyCodeFix>;

namespace CachingGen.CodeFixes.Tests;

public sealed class AddParameterToKeyCodeFixTests
{
    [Fact]
    public async Task Missing_parameters_are_appended_to_the_key_keeping_the_literal_style()
    {
        string source = UserSource.Using("System.Threading", "System.Threading.Tasks", "CachingGen").Namespace("App")
            .Interface("IRepo", ["Task<int> ByTokenAsync(long userId, long tokenId, CancellationToken ct);", "Task<int> PageAsync(long userId, int limit, int offset);"])
            .Class("public sealed class Repo : IRepo", """
                [Cached("00:01:00", {|#0:"balance:user:<userId>"|})]
                public Task<int> ByTokenAsync(long userId, long tokenId, CancellationToken ct) => Task.FromResult(1);

                [Cached("00:01:00", key: {|#1:{|#2:@"page:<userId>"|}|})]
                public Task<int> PageAsync(long userId, int limit, int offset) => Task.FromResult(1);
                """);
        var fixedSource = UserSource.Edited(
            source,
            ("{|#0:\"balance:user:<userId>\"|}", "\"balance:user:<userId>:<tokenId>\""),
            ("{|#1:{|#2:@\"page:<userId>\"|}|}", "@\"page:<userId>:<limit>:<offset>\""));

        await Verify.VerifyAsync(
            source,
            fixedSource,
            Verify.Diagnostic("CG0011").WithLocation(0).WithArguments("tokenId", "ByTokenAsync", "balance:user:<userId>"),
            Verify.Diagnostic("CG0011").WithLocation(1).WithArguments("limit", "PageAsync", "page:<userId>"),
            Verify.Diagnostic("CG0011").WithLocation(2).WithArguments("offset", "PageAsync", "page:<userId>"));
    }
}
