using System;
using System.Linq;
using CachingGen.Generator.Pipelines;
using CachingGen.Generator.Tests.Infrastructure;
using Xunit;

namespace CachingGen.Generator.Tests;

/// <summary>
/// Repositories share method names (every one has a <c>FindByIdAsync</c>). After a declaration edit, a file whose uses
/// of an annotated method's name are all calls on receivers of known types is bound again only when that name changed
/// in one of those types, their bases or interfaces, or in a static type (an extension); the
/// <see cref="GeneratorHooks.CallParsed"/> hook counts the calls parsed again, and every run ends where a fresh run ends.
/// </summary>
public sealed class InterceptorReceiverTests
{
    private const string RepositoryA = """
        using System.Threading.Tasks;
        using CachingGen;
        namespace App;
        public sealed class ARepository
        {
            [Cached("00:01:00", "a:<id>")] public Task<int> GetAsync(int id) => Task.FromResult(id);
        }
        """;

    private const string RepositoryB = """
        using System.Threading.Tasks;
        using CachingGen;
        namespace App;
        public class BaseRepository { }
        public sealed class BRepository : BaseRepository
        {
            [Cached("00:01:00", "b:<id>")] public Task<int> GetAsync(int id) => Task.FromResult(id);
        }
        """;

    private const string CallsA = """
        namespace App;
        public sealed class CallsA(ARepository a)
        {
            public System.Threading.Tasks.Task<int> One() => a.GetAsync(1);
            public System.Threading.Tasks.Task<int> Two() => a.GetAsync(2);
        }
        """;

    private const string CallsB = """
        namespace App;
        public static class CallsB { public static System.Threading.Tasks.Task<int> One(BRepository b) => b.GetAsync(3); }
        """;

    private const string Other = """
        namespace App;
        public static class Other { public static int Value() => 1; }
        """;

    [Theory]
    // CallsA's two calls; CallsB calls a GetAsync too, but on BRepository, whose declarations did not change.
    [InlineData(0, "int id)", "int id, int page = 0)", 2)]
    // The base's overload is a candidate for b.GetAsync(3): CallsB is bound again; CallsA's receivers have no such base.
    [InlineData(1, "public class BaseRepository { }", "public class BaseRepository { public System.Threading.Tasks.Task<int> GetAsync(long id) => System.Threading.Tasks.Task.FromResult(0); }", 1)]
    // An extension can be called on any receiver: every call of the name is bound again.
    [InlineData(4, "public static int Value() => 1;", "public static int Value() => 1; public static System.Threading.Tasks.Task<int> GetAsync(this ARepository a, string id) => System.Threading.Tasks.Task.FromResult(0);", 3)]
    public void A_declaration_of_the_name_rebinds_the_calls_whose_receivers_it_can_reach(int index, string from, string to, int parsed)
    {
        var sources = new[] { RepositoryA, RepositoryB, CallsA, CallsB, Other };
        var run = new CountingRun(sources);

        run.Edit($"Source{index}.cs", sources[index].Replace(from, to, StringComparison.Ordinal));

        Assert.Equal(parsed, run.Parsed);
        AssertSameAsAFreshRun(run);
    }

    [Fact]
    public void A_name_also_used_as_a_method_group_counts_by_name()
    {
        const string group = """
            namespace App;
            public static class Group
            {
                public static System.Func<int, System.Threading.Tasks.Task<int>> Of(BRepository b) => b.GetAsync;
                public static System.Threading.Tasks.Task<int> Call(BRepository b) => b.GetAsync(5);
            }
            """;
        var run = new CountingRun(RepositoryA, RepositoryB, CallsA, CallsB, group);

        run.Edit("Source0.cs", RepositoryA.Replace("int id)", "int id, int page = 0)", StringComparison.Ordinal));

        // CallsA's two calls, and Group's call on BRepository: Group also spells GetAsync as a method group, which
        // the receiver rule does not cover, so the file counts by name and is bound again.
        Assert.Equal(3, run.Parsed);
        AssertSameAsAFreshRun(run);
    }

    [Fact]
    public void A_receiver_named_by_an_outer_types_member_is_not_taken_for_a_type_of_that_name()
    {
        // In Page, `Products` is the outer class's field (an ARepository), not the class Products: the scan must not
        // watch Products' declarations for this call.
        const string nested = """
            namespace App;
            public sealed class Products { }
            public static class Shop
            {
                private static readonly ARepository Products = new();
                public static class Page { public static System.Threading.Tasks.Task<int> Load(int id) => Products.GetAsync(id); }
            }
            """;
        var run = new CountingRun(RepositoryA, RepositoryB, nested, CallsB, Other);

        run.Edit("Source0.cs", RepositoryA.Replace("int id)", "int id, int page = 0)", StringComparison.Ordinal));

        Assert.Equal(1, run.Parsed);
        AssertSameAsAFreshRun(run);
    }

    [Theory]
    // A parameter with a default: the call on ARepository still binds to it (and stays intercepted).
    [InlineData("int id, int page = 0)", 1)]
    // A required parameter: the call no longer fits, and is not intercepted (the hook counts calls that reach a method).
    [InlineData("int id, int page)", 0)]
    public void In_a_file_that_calls_two_repositories_only_the_calls_on_the_edited_one_are_parsed_again(string to, int parsed)
    {
        const string mixed = """
            namespace App;
            public sealed class Mixed(ARepository a, BRepository b)
            {
                public System.Threading.Tasks.Task<int> One() => a.GetAsync(1);
                public System.Threading.Tasks.Task<int> Two() => b.GetAsync(2);
                public System.Threading.Tasks.Task<int> Three() => b.GetAsync(3);
            }
            """;
        var run = new CountingRun(RepositoryA, RepositoryB, mixed, CallsB, Other);

        // The calls on BRepository (two in Mixed, one in CallsB) are kept as they were.
        run.Edit("Source0.cs", RepositoryA.Replace("int id)", to, StringComparison.Ordinal));
        Assert.Equal(parsed, run.Parsed);
        AssertSameAsAFreshRun(run);

        run.Edit("Source0.cs", RepositoryA);
        Assert.Equal(1, run.Parsed);
        AssertSameAsAFreshRun(run);
    }

    [Fact]
    public void A_call_in_a_lambda_is_parsed_again_when_the_call_taking_the_lambda_changes()
    {
        // Runner.Find is named like the annotated ARepository.Find: its declarations are a typed check of this file. Made
        // to take an expression tree (spelled in full, so the file's usings and the shape stay the same), the lambda
        // becomes data and the call in it must no longer be intercepted; back, it must be again.
        const string repository = """
            using System.Threading.Tasks;
            using CachingGen;
            namespace App;
            public sealed class Finder { [Cached("00:01:00", "f:<id>")] public int Find(int id) => id; }
            """;
        const string runner = "namespace App; public sealed class Runner { public int Find(System.Func<int> f) => 0; }";
        const string calls = "namespace App; public sealed class Calls(Runner runner, Finder finder) { public int M() => runner.Find(() => finder.Find(1)); }";
        var run = new CountingRun(repository, runner, calls);
        Assert.Equal(1, CountingRun.Calls(run.Last, "Source2.cs"));

        run.Edit("Source1.cs", runner.Replace("System.Func<int> f", "System.Linq.Expressions.Expression<System.Func<int>> f", StringComparison.Ordinal));
        Assert.Equal(0, CountingRun.Calls(run.Last, "Source2.cs"));
        AssertSameAsAFreshRun(run);

        run.Edit("Source1.cs", runner);
        Assert.Equal(1, CountingRun.Calls(run.Last, "Source2.cs"));
        AssertSameAsAFreshRun(run);
    }

    private static void AssertSameAsAFreshRun(CountingRun run)
    {
        var fresh = GeneratorHarness.CreateDriver(trackSteps: false).RunGenerators(run.Compilation).GetRunResult().Results.Single();
        Assert.Equal(
            fresh.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).OrderBy(s => s.HintName, StringComparer.Ordinal),
            run.Last.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).OrderBy(s => s.HintName, StringComparer.Ordinal));
    }
}
