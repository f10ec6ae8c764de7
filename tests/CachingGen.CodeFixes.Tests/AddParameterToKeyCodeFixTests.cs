using System.Threading.Tasks;
using Xunit;
using Verify = CachingGen.CodeFixes.Tests.CodeFixVerifier<CachingGen.CodeFixes.AddParameterToKeyCodeFix>;

namespace CachingGen.CodeFixes.Tests;

public sealed class AddParameterToKeyCodeFixTests
{
    [Fact]
    public async Task Missing_parameters_are_appended_to_the_key_keeping_the_literal_style()
    {
        var source = """
            using System.Threading;
            using System.Threading.Tasks;
            using CachingGen;
            namespace App;
            public interface IRepo
            {
                Task<int> ByTokenAsync(long userId, long tokenId, CancellationToken ct);
                Task<int> PageAsync(long userId, int limit, int offset);
            }
            public sealed class Repo : IRepo
            {
                [Cached("00:01:00", {|#0:"balance:user:<userId>"|})]
                public Task<int> ByTokenAsync(long userId, long tokenId, CancellationToken ct) => Task.FromResult(1);

                [Cached("00:01:00", key: {|#1:{|#2:@"page:<userId>"|}|})]
                public Task<int> PageAsync(long userId, int limit, int offset) => Task.FromResult(1);
            }
            """;
        var fixedSource = """
            using System.Threading;
            using System.Threading.Tasks;
            using CachingGen;
            namespace App;
            public interface IRepo
            {
                Task<int> ByTokenAsync(long userId, long tokenId, CancellationToken ct);
                Task<int> PageAsync(long userId, int limit, int offset);
            }
            public sealed class Repo : IRepo
            {
                [Cached("00:01:00", "balance:user:<userId>:<tokenId>")]
                public Task<int> ByTokenAsync(long userId, long tokenId, CancellationToken ct) => Task.FromResult(1);

                [Cached("00:01:00", key: @"page:<userId>:<limit>:<offset>")]
                public Task<int> PageAsync(long userId, int limit, int offset) => Task.FromResult(1);
            }
            """;

        await Verify.VerifyAsync(
            source,
            fixedSource,
            Verify.Diagnostic("CG0011").WithLocation(0).WithArguments("tokenId", "ByTokenAsync", "balance:user:<userId>"),
            Verify.Diagnostic("CG0011").WithLocation(1).WithArguments("limit", "PageAsync", "page:<userId>"),
            Verify.Diagnostic("CG0011").WithLocation(2).WithArguments("offset", "PageAsync", "page:<userId>"));
    }
}
