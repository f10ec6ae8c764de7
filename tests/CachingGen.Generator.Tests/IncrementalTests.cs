using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis.CSharp;

namespace CachingGen.Generator.Tests;

/// <summary>The pipeline reuses its cached output for unrelated edits and holds no compiler objects.</summary>
public sealed class IncrementalTests
{
    private static readonly string[] s_trackedSteps =
    [
        TrackingNames.CachedMethods, TrackingNames.InvalidatingMethods, TrackingNames.Repositories,
        TrackingNames.Repository, TrackingNames.Registrations, TrackingNames.InterceptorSettings, TrackingNames.InterceptedNames,
        TrackingNames.BindingDeclarations, TrackingNames.ScanInputs, TrackingNames.CallSiteFiles, TrackingNames.CalledClasses,
    ];

    // A new file declares a type: the scan's inputs change and every file is scanned again (to equal models).
    private static readonly string[] s_reusedWhenAFileIsAdded =
    [
        TrackingNames.CachedMethods, TrackingNames.InvalidatingMethods, TrackingNames.Repositories,
        TrackingNames.Repository, TrackingNames.Registrations, TrackingNames.InterceptorSettings, TrackingNames.InterceptedNames,
        TrackingNames.CalledClasses,
    ];

    // Calls made on the repository classes, in two files: each file gets its own interceptors.
    private const string Calls = """
        namespace App;
        public static class Calls
        {
            public static System.Threading.Tasks.Task<int> A(ARepository r) => r.GetAsync(1);
        }
        """;

    private const string OtherCalls = """
        namespace App;
        public static class OtherCalls
        {
            public static string B(BRepository r)
            {
                var x = 1;
                return r.Get("x" + x);
            }
        }
        """;

    private const string Repositories = """
        using System.Threading.Tasks;
        using CachingGen;
        namespace App;
        public interface IA { Task<int> GetAsync(int id); Task SetAsync(int id); }
        public sealed class ARepository : IA
        {
            [Cached("00:01:00", "a:<id>")] public Task<int> GetAsync(int id) => Task.FromResult(id);
            [Invalidates("a:<id>")] public Task SetAsync(int id) => Task.CompletedTask;
        }
        """;

    private const string OtherRepository = """
        using CachingGen;
        namespace App;
        public interface IB { string Get(string name); }
        public sealed class BRepository : IB
        {
            [Cached("00:01:00", "b:<name>")] public string Get(string name) => name;
        }
        """;

    [Fact]
    public void Unrelated_edit_leaves_every_step_cached_and_regenerates_nothing()
    {
        var compilation = GeneratorHarness.CreateCompilation(Repositories, OtherRepository, Calls, OtherCalls);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var first = driver.GetRunResult();

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace App; public class Unrelated { public int X => 1; }", GeneratorHarness.ParseOptions, path: "Unrelated.cs"));
        driver = driver.RunGenerators(edited);
        var second = driver.GetRunResult().Results.Single();

        AssertStepsReused(second, s_reusedWhenAFileIsAdded);
        AssertOtherFilesReused(second, "Unrelated.cs");
        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Equal(
            first.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()),
            second.GeneratedSources.Select(s => s.SourceText.ToString()));
    }

    [Fact]
    public void Unrelated_edit_regenerates_no_interceptors()
    {
        var compilation = GeneratorHarness.CreateCompilation(Repositories, OtherRepository, Calls, OtherCalls);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        Assert.Equal(2, first.GeneratedSources.Count(s => s.HintName.StartsWith("CachingGen.Calls.", StringComparison.Ordinal)));

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace App; public class Unrelated { public int X() => System.Math.Max(1, 2); }", GeneratorHarness.ParseOptions, path: "Unrelated.cs"));
        driver = driver.RunGenerators(edited);
        var second = driver.GetRunResult().Results.Single();

        AssertStepsReused(second, s_reusedWhenAFileIsAdded);
        AssertOtherFilesReused(second, "Unrelated.cs");
        Assert.Equal(first.GeneratedSources.Select(s => s.SourceText.ToString()), second.GeneratedSources.Select(s => s.SourceText.ToString()));
    }

    [Fact]
    public void Editing_a_method_body_regenerates_only_the_files_of_the_classes_it_calls()
    {
        var compilation = GeneratorHarness.CreateCompilation(Repositories, OtherRepository, Calls, OtherCalls);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var before = driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

        driver = RunEdited(driver, compilation, 3, OtherCalls.Replace("var x = 1;", "var x = 2;", StringComparison.Ordinal));
        var result = driver.GetRunResult().Results.Single();

        // The edit moves its calls' locations (the data holds the file's checksum): the class it calls gets new attributes.
        var classes = result.TrackedSteps[TrackingNames.CalledClasses].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(2, classes.Count);
        Assert.Single(classes, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Single(classes, o => o.Reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached);
        var after = result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        var changed = Assert.Single(before.Keys, k => before[k] != after[k]);
        Assert.StartsWith(CallsFile("BRepository"), changed, StringComparison.Ordinal);
    }

    [Fact]
    public void A_declaration_changed_in_another_file_rescans_the_unchanged_calling_file()
    {
        // The call binds through Holder.Repo, declared in another file: first the interface (the decorator's), then the class.
        var holder = "namespace App; public sealed class Holder { public IA Repo = null!; }";
        var caller = "namespace App; public static class Caller { public static System.Threading.Tasks.Task<int> Get(Holder h) => h.Repo.GetAsync(1); }";
        var compilation = GeneratorHarness.CreateCompilation(Repositories, holder, caller);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.DoesNotContain(driver.GetRunResult().GeneratedTrees, t => t.FilePath.Contains(CallsFile("ARepository"), StringComparison.Ordinal));

        driver = RunEdited(driver, compilation, 1, holder.Replace("public IA Repo", "public ARepository Repo", StringComparison.Ordinal));

        Assert.Contains(driver.GetRunResult().GeneratedTrees, t => t.FilePath.Contains(CallsFile("ARepository"), StringComparison.Ordinal));
    }

    [Fact]
    public void An_attribute_added_in_another_file_intercepts_the_unchanged_calling_files_calls()
    {
        var plain = Repositories.Replace("[Cached(\"00:01:00\", \"a:<id>\")] ", string.Empty, StringComparison.Ordinal);
        var compilation = GeneratorHarness.CreateCompilation(plain, Calls);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.DoesNotContain(driver.GetRunResult().GeneratedTrees, t => t.FilePath.Contains(CallsFile("ARepository"), StringComparison.Ordinal));

        driver = RunEdited(driver, compilation, 0, Repositories);

        Assert.Contains(driver.GetRunResult().GeneratedTrees, t => t.FilePath.Contains(CallsFile("ARepository"), StringComparison.Ordinal));
    }

    /// <summary>Runs <paramref name="driver"/> again with source <paramref name="index"/> of <paramref name="compilation"/> replaced by <paramref name="text"/> at the same path, as an edit in the IDE does.</summary>
    private static GeneratorDriver RunEdited(GeneratorDriver driver, Compilation compilation, int index, string text)
    {
        var oldTree = compilation.SyntaxTrees.ElementAt(index);
        return driver.RunGenerators(compilation.ReplaceSyntaxTree(oldTree, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path: oldTree.FilePath)));
    }

    /// <summary>The start of the hint name of the file holding the interceptor bodies of <c>App.{className}</c>.</summary>
    private static string CallsFile(string className) => $"CachingGen.Calls.App_{className}Calls_";

    [Fact]
    public void Editing_one_repository_regenerates_only_that_repository()
    {
        var compilation = GeneratorHarness.CreateCompilation(Repositories, OtherRepository);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        driver = RunEdited(driver, compilation, 1, OtherRepository.Replace("\"00:01:00\"", "\"00:02:00\"", StringComparison.Ordinal));
        var result = driver.GetRunResult().Results.Single();

        var repositoryOutputs = result.TrackedSteps[TrackingNames.Repository].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(2, repositoryOutputs.Count);
        Assert.Single(repositoryOutputs, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Single(repositoryOutputs, o => o.Reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached);
        Assert.All(result.TrackedSteps[TrackingNames.Registrations].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
    }

    [Fact]
    public void A_member_added_to_the_interface_in_another_file_is_forwarded_after_the_edit()
    {
        var contract = "using System.Threading.Tasks;\nnamespace App;\npublic interface IA { Task<int> GetAsync(int id); }\n";
        var repository = "using System.Threading.Tasks;\nusing CachingGen;\nnamespace App;\npublic sealed class ARepository : IA\n{\n    [Cached(\"00:01:00\", \"a:<id>\")] public Task<int> GetAsync(int id) => Task.FromResult(id);\n    public int Extra(int x) => x;\n}\n";
        var compilation = GeneratorHarness.CreateCompilation(contract, repository);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var widened = "using System.Threading.Tasks;\nnamespace App;\npublic interface IA { Task<int> GetAsync(int id); int Extra(int x); }\n";
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(), CSharpSyntaxTree.ParseText(widened, GeneratorHarness.ParseOptions, path: "Source0.cs"));
        driver.RunGeneratorsAndUpdateCompilation(edited, out var output, out _);

        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "the decorator did not follow the interface: " + string.Join("\n", errors));
        Assert.Contains(output.SyntaxTrees, t => t.ToString().Contains("global::App.IA.Extra(", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Pipeline_models_hold_no_symbols_syntax_or_compilations()
    {
        var compilation = GeneratorHarness.CreateCompilation(Repositories, OtherRepository, Calls, OtherCalls);
        var result = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation).GetRunResult().Results.Single();

        var checkedSteps = 0;
        foreach (var name in s_trackedSteps)
        {
            foreach (var step in result.TrackedSteps[name])
            {
                foreach (var (value, _) in step.Outputs)
                {
                    AssertNoCompilerObjects(value, name, new HashSet<object>(ReferenceEqualityComparer.Instance));
                    checkedSteps++;
                }
            }
        }

        Assert.True(checkedSteps >= 5);
    }

    private static void AssertStepsReused(GeneratorRunResult result, string[] steps)
    {
        foreach (var name in steps)
        {
            Assert.True(result.TrackedSteps.ContainsKey(name), $"step {name} was not tracked");
            foreach (var output in result.TrackedSteps[name].SelectMany(s => s.Outputs))
            {
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step {name} produced {output.Reason}");
            }
        }
    }

    /// <summary>The per-file interceptor steps reuse every file's model but <paramref name="added"/>'s.</summary>
    private static void AssertOtherFilesReused(GeneratorRunResult result, string added)
    {
        foreach (var (value, reason) in result.TrackedSteps[TrackingNames.CallSiteFiles].SelectMany(s => s.Outputs))
        {
            var file = Assert.IsType<CachingGen.Generator.Model.CallSiteFileModel>(value);
            Assert.True(file.FilePath == added ? reason == IncrementalStepRunReason.New : reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{file.FilePath}: {reason}");
        }
    }

    private static void AssertNoCompilerObjects(object? value, string step, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Assert.False(value is Compilation or ISymbol or SyntaxNode or SemanticModel or Location or SyntaxTree, $"step {step} holds a {value.GetType().Name}");
        if (value is IEnumerable enumerable)
        {
            foreach (var item in enumerable)
            {
                AssertNoCompilerObjects(item, step, seen);
            }
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertNoCompilerObjects(field.GetValue(value), step, seen);
        }
    }
}
