using System;
using System.Linq;
using CachingGen.Generator.Pipelines;
using CachingGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using static CachingGen.Generator.Tests.Infrastructure.CountingRun;
using static Microsoft.CodeAnalysis.IncrementalStepRunReason;

namespace CachingGen.Generator.Tests;

/// <summary>
/// An edit to a method's attribute arguments (its key, its TTL) changes its policy and nothing a call binds to: the
/// interceptor pipeline scans no calling file again (the <see cref="GeneratorHooks.CallParsed"/> hook counts none),
/// regenerates the edited class's file alone, and ends where a fresh run on the same sources ends.
/// </summary>
public sealed class InterceptorPolicyEditTests
{
    private static readonly string RepositoryA = Repository("A", "a");

    private static readonly string RepositoryB = Repository("B", "b");

    private const string Callers = """
        namespace App;
        public static class Callers
        {
            public static System.Threading.Tasks.Task<int> A(ARepository r) => r.GetAsync(1);
            public static System.Threading.Tasks.Task<int> B(BRepository r) => r.GetAsync(2);
        }
        """;

    private const string MoreCallers = """
        namespace App;
        public static class MoreCallers { public static System.Threading.Tasks.Task<int> A(ARepository r) => r.GetAsync(3); }
        """;

    [Fact]
    public void A_key_edit_scans_no_calling_file_and_regenerates_the_edited_class_alone()
    {
        var run = new CountingRun(RepositoryA, RepositoryB, Callers, MoreCallers);

        var result = run.Edit("Source0.cs", RepositoryA.Replace("\"a:<id>\"", "\"a2:<id>\"", StringComparison.Ordinal));

        Assert.Equal(0, run.Parsed);
        AssertReasons(result, TrackingNames.ScanInputs, Cached);
        Assert.Equal(Expect(("Source2.cs", Unchanged), ("Source3.cs", Unchanged)), ByFile(result, TrackingNames.CallSiteFiles));
        Assert.Equal([Modified, Unchanged], ClassReasons(result));
        Assert.Contains("\"a2:\"", CallsFile(result, "ARepository"), StringComparison.Ordinal);
        AssertSameAsAFreshRun(run);
    }

    [Fact]
    public void A_ttl_edit_regenerates_the_body_with_the_new_ttl()
    {
        var run = new CountingRun(RepositoryA, RepositoryB, Callers, MoreCallers);
        var before = CallsFile(run.Last, "ARepository");

        var result = run.Edit("Source0.cs", RepositoryA.Replace("\"00:01:00\"", "\"00:07:00\"", StringComparison.Ordinal));

        Assert.Equal(0, run.Parsed);
        Assert.NotEqual(before, CallsFile(result, "ARepository"));
        AssertSameAsAFreshRun(run);
    }

    [Fact]
    public void A_key_made_invalid_leaves_its_calls_uncached_and_its_fix_restores_them_without_a_scan()
    {
        var run = new CountingRun(RepositoryA, RepositoryB, Callers, MoreCallers);

        // <idd> names no parameter (CG0001): the method is invalid, so its calls stay as written.
        var broken = run.Edit("Source0.cs", RepositoryA.Replace("<id>", "<idd>", StringComparison.Ordinal));
        Assert.Equal(0, run.Parsed);
        Assert.DoesNotContain(broken.GeneratedSources, s => s.HintName.Contains("ARepositoryCalls", StringComparison.Ordinal));
        Assert.Contains(broken.GeneratedSources, s => s.HintName.Contains("BRepositoryCalls", StringComparison.Ordinal));
        AssertSameAsAFreshRun(run);

        var fixedRun = run.Edit("Source0.cs", RepositoryA);
        Assert.Equal(0, run.Parsed);
        Assert.Contains("\"a:\"", CallsFile(fixedRun, "ARepository"), StringComparison.Ordinal);
        AssertSameAsAFreshRun(run);
    }

    [Fact]
    public void A_parameter_added_parses_the_calls_on_that_class_again()
    {
        var run = new CountingRun(RepositoryA, RepositoryB, Callers, MoreCallers);

        // A signature is a declaration: what calls on ARepository bind to may change, so those calls are parsed again
        // (one in Callers, one in MoreCallers); Callers' call on BRepository is kept.
        AssertParameterAddedParsesAgain(run, calls: 2);
    }

    [Fact]
    public void A_parameter_added_rebinds_only_the_files_that_spell_the_methods_name()
    {
        const string finder = """
            using System.Threading.Tasks;
            using CachingGen;
            namespace App;
            public sealed class Finder { [Cached("00:01:00", "f:<id>")] public Task<int> FindAsync(int id) => Task.FromResult(id); }
            """;
        const string findCaller = "namespace App; public static class FindCaller { public static System.Threading.Tasks.Task<int> F(Finder f) => f.FindAsync(4); }";
        var run = new CountingRun(RepositoryA, finder, MoreCallers, findCaller);

        // MoreCallers spells GetAsync (one call, bound again); FindCaller spells no changed name and keeps its scan.
        AssertParameterAddedParsesAgain(run, calls: 1);
    }

    [Fact]
    public void A_property_type_changed_in_another_file_rebinds_the_files_that_spell_the_property()
    {
        const string holder = "namespace App; public sealed class Holder { public IA Repo => null!; }";
        const string contract = "namespace App; public interface IA { System.Threading.Tasks.Task<int> GetAsync(int id); }";
        const string viaHolder = "namespace App; public static class ViaHolder { public static System.Threading.Tasks.Task<int> Get(Holder h) => h.Repo.GetAsync(1); }";
        var run = new CountingRun(RepositoryA.Replace("public sealed class ARepository", "public sealed class ARepository : IA", StringComparison.Ordinal), contract, holder, viaHolder);
        Assert.Equal(0, Calls(run.Last, "Source3.cs"));

        // Not a declaration of the calling file, and not a name of an annotated method: the property's type.
        var result = run.Edit("Source2.cs", holder.Replace("public IA Repo", "public ARepository Repo", StringComparison.Ordinal));

        Assert.Equal(1, Calls(result, "Source3.cs"));
        Assert.Equal(1, run.Parsed);
        AssertSameAsAFreshRun(run);
    }

    /// <summary><c>{name}Repository</c>, one cached read keyed <c>{key}:&lt;id&gt;</c>: the two repositories differ in nothing else.</summary>
    private static string Repository(string name, string key) => $$"""
        using System.Threading.Tasks;
        using CachingGen;
        namespace App;
        public sealed class {{name}}Repository
        {
            [Cached("00:01:00", "{{key}}:<id>")] public Task<int> GetAsync(int id) => Task.FromResult(id);
        }
        """;

    /// <summary>
    /// Adds an optional parameter to ARepository's GetAsync (Source0.cs): the scan inputs change, <paramref name="calls"/>
    /// calls are parsed again, and the kept run still ends where a fresh run ends.
    /// </summary>
    private static void AssertParameterAddedParsesAgain(CountingRun run, int calls)
    {
        var result = run.Edit("Source0.cs", RepositoryA.Replace("int id)", "int id, int page = 0)", StringComparison.Ordinal));

        Assert.Equal(calls, run.Parsed);
        AssertReasons(result, TrackingNames.ScanInputs, Modified);
        AssertSameAsAFreshRun(run);
    }

    private static IncrementalStepRunReason[] ClassReasons(GeneratorRunResult result)
        => result.TrackedSteps[TrackingNames.CalledClasses]
            .SelectMany(s => s.Outputs)
            .OrderBy(o => ((Model.CalledClassModel)o.Value).ClassName, StringComparer.Ordinal)
            .Select(o => o.Reason)
            .ToArray();

    private static string CallsFile(GeneratorRunResult result, string className)
        => result.GeneratedSources.Single(s => s.HintName.StartsWith("CachingGen.Calls.App_" + className + "Calls_", StringComparison.Ordinal)).SourceText.ToString();

    /// <summary>What the kept driver generated equals what a new driver generates from the same compilation.</summary>
    private static void AssertSameAsAFreshRun(CountingRun run)
    {
        var fresh = GeneratorHarness.CreateDriver(trackSteps: false).RunGenerators(run.Compilation).GetRunResult().Results.Single();
        Assert.Equal(
            fresh.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).OrderBy(s => s.HintName, StringComparer.Ordinal),
            run.Last.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).OrderBy(s => s.HintName, StringComparer.Ordinal));
    }
}
