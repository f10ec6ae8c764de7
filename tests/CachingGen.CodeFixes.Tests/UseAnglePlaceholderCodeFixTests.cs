using Verify = CachingGen.CodeFixes.Tests.CodeFixVerifier<CachingGen.CodeFixes.UseAnglePlaceholderCodeFix>;

namespace CachingGen.CodeFixes.Tests;

public sealed class UseAnglePlaceholderCodeFixTests
{
    [Fact]
    public async Task Braced_names_become_placeholders_one_by_one_and_all_at_once_and_other_malformations_are_left_alone()
    {
        string source = UserSource.Using("System.Threading.Tasks", "CachingGen").Namespace("App")
            .Repository("IRepo", "Task<int> GetAsync(long id, string kind); Task<int> PageAsync(long id);", """
                [Cached("00:01:00", "h:{|#0:{id}|}:{|#1:{kind}|}")]
                public Task<int> GetAsync(long id, string kind) => Task.FromResult(1);

                [Cached("00:01:00", "p:<id>:{|#2:{0}|}")]
                public Task<int> PageAsync(long id) => Task.FromResult(1);
                """);

        // "{0}" names no parameter: it stays, and is the one diagnostic left.
        var fixedSource = UserSource.Edited(source, ("{|#0:{id}|}:{|#1:{kind}|}", "<id>:<kind>"), ("{|#2:{0}|}", "{|#0:{0}|}"));

        var test = Verify.Create(
            [source],
            [fixedSource],
            [
                Verify.Diagnostic("CG0002").WithLocation(0).WithArguments("h:{id}:{kind}", "'{id}' is not a placeholder: CachingGen placeholders are written <id>"),
                Verify.Diagnostic("CG0002").WithLocation(1).WithArguments("h:{id}:{kind}", "'{kind}' is not a placeholder: CachingGen placeholders are written <kind>"),
                Verify.Diagnostic("CG0002").WithLocation(2).WithArguments("p:<id>:{0}", "'{0}' is not a placeholder: CachingGen placeholders are written <parameterName>"),
            ]);
        test.FixedState.ExpectedDiagnostics.Add(
            Verify.Diagnostic("CG0002").WithLocation(0).WithArguments("p:<id>:{0}", "'{0}' is not a placeholder: CachingGen placeholders are written <parameterName>"));
        await test.RunAsync();
    }
}
