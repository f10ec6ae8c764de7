using Microsoft.CodeAnalysis.CSharp;

namespace CachingGen.Generator.Tests;

/// <summary>
/// The decorator and manifest pipelines read methods against the compilation's declarations: each edit kind, and
/// which steps run again for it (a keystroke in a body must parse nothing again; a declaration anywhere must).
/// </summary>
public sealed class DeclarationSnapshotTests
{
    private const string Row = """
        namespace App;
        public sealed class Row { public long Id { get; init; } }
        """;

    private const string Repository = """
        using System.Data;
        using System.Threading.Tasks;
        using CachingGen;
        namespace App;
        public interface IA { Task<Row?> GetAsync(int id); Task SetAsync(int id); }
        public sealed class ARepository(IDbCommand command) : IA
        {
            [Cached("00:01:00", "a:<id>")]
            public Task<Row?> GetAsync(int id)
            {
                command.CommandText = "SELECT id FROM rows_a WHERE id = @id";
                return Task.FromResult<Row?>(new Row { Id = id });
            }

            [Invalidates("a:<id>")]
            public Task SetAsync(int id)
            {
                command.CommandText = "UPDATE rows_a SET id = id WHERE id = @id";
                return Task.CompletedTask;
            }
        }
        """;

    private const string Other = """
        namespace App;
        public static class Other
        {
            public static int Value()
            {
                var x = 1;
                return x;
            }
        }
        """;

    [Fact]
    public void A_keystroke_in_a_repository_body_parses_no_method_again_and_regenerates_nothing()
    {
        AssertNothingRegenerated(0, Repository.Replace("new Row { Id = id }", "new Row { Id = id + 1 }", StringComparison.Ordinal), TrackingNames.CachedMethods, TrackingNames.InvalidatingMethods);
    }

    [Fact]
    public void A_declaration_added_above_the_repository_class_regenerates_no_decorator()
    {
        var (before, after, result) = Edit(0, Repository.Replace("public interface IA", "public sealed class Helper { }\n\npublic interface IA", StringComparison.Ordinal));

        // A declaration changed, so the methods are parsed again; their models are the same, so no output is.
        Assert.All(result.TrackedSteps[TrackingNames.Repository].SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"Repository was {o.Reason}"));
        Assert.Equal(before, after);
    }

    [Fact]
    public void A_declaration_changed_in_another_file_parses_the_methods_again()
    {
        // The cached result type gains a member: the stored shape changes, so the decorator must follow.
        var (before, after, result) = Edit(1, Row.Replace("public long Id { get; init; }", "public long Id { get; init; } public string Name { get; init; } = \"\";", StringComparison.Ordinal));

        Assert.Contains(result.TrackedSteps[TrackingNames.CachedMethods].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        var decorator = before.Keys.Single(k => k.Contains("ARepository", StringComparison.Ordinal));
        Assert.NotEqual(before[decorator], after[decorator]);
    }

    [Fact]
    public void A_keystroke_in_another_file_reads_no_class_again_for_the_manifest()
    {
        AssertNothingRegenerated(2, Other.Replace("var x = 1;", "var x = 12;", StringComparison.Ordinal), TrackingNames.CoverageClasses, TrackingNames.CachedMethods);
    }

    [Fact]
    public void A_key_edited_in_one_method_parses_that_method_alone_and_the_decorator_follows_it()
    {
        var (before, after, result) = Edit(0, Repository.Replace("[Cached(\"00:01:00\", \"a:<id>\")]", "[Cached(\"00:01:00\", \"b:<id>\")]", StringComparison.Ordinal));

        // The snapshot leaves attribute arguments out, so it is equal: the invalidating method is not parsed again, and
        // the cached one is read from the file's current text.
        AssertEveryOutput(result, TrackingNames.InvalidatingMethods, IncrementalStepRunReason.Cached);
        Assert.Equal([IncrementalStepRunReason.Modified], result.TrackedSteps[TrackingNames.CachedMethods].SelectMany(s => s.Outputs).Select(o => o.Reason));
        var decorator = before.Keys.Single(k => k.Contains("ARepository", StringComparison.Ordinal));
        Assert.Contains("[Cached] key <c>a:&lt;id&gt;</c>", before[decorator], StringComparison.Ordinal);
        Assert.Contains("[Cached] key <c>b:&lt;id&gt;</c>", after[decorator], StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_edit_then_a_body_keystroke_in_the_same_file_keeps_the_new_key()
    {
        var compilation = GeneratorHarness.CreateCompilation(Repository, Row, Other);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var keyEdited = Repository.Replace("[Cached(\"00:01:00\", \"a:<id>\")]", "[Cached(\"00:01:00\", \"c:<id>\")]", StringComparison.Ordinal);
        foreach (var text in new[] { keyEdited, keyEdited.Replace("new Row { Id = id }", "new Row { Id = id + 1 }", StringComparison.Ordinal) })
        {
            var old = compilation.SyntaxTrees.First();
            compilation = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path: old.FilePath));
            driver = driver.RunGenerators(compilation);
        }

        var decorator = Sources(driver.GetRunResult().Results.Single()).Single(p => p.Key.Contains("ARepository", StringComparison.Ordinal)).Value;
        Assert.Contains("[Cached] key <c>c:&lt;id&gt;</c>", decorator, StringComparison.Ordinal);

        // What a fresh run (a command-line build) writes for the same text: the editor's incremental result equals it.
        var fresh = GeneratorHarness.Run(compilation).Result.GeneratedTrees.Single(t => t.FilePath.Contains("ARepository", StringComparison.Ordinal)).ToString();
        Assert.Equal(fresh, decorator);
    }

    [Fact]
    public void A_ttl_constant_changed_in_another_file_is_followed_by_the_decorator()
    {
        const string Ttls = "namespace App; public static class Ttls { public const string Short = \"00:01:00\"; }";
        var repository = Repository.Replace("[Cached(\"00:01:00\", \"a:<id>\")]", "[Cached(Ttls.Short, \"a:<id>\")]", StringComparison.Ordinal);
        var compilation = GeneratorHarness.CreateCompilation(repository, Row, Other, Ttls);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var old = compilation.SyntaxTrees.ElementAt(3);
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(Ttls.Replace("00:01:00", "00:07:00", StringComparison.Ordinal), GeneratorHarness.ParseOptions, path: old.FilePath)));

        var decorator = Sources(driver.GetRunResult().Results.Single()).Single(p => p.Key.Contains("ARepository", StringComparison.Ordinal)).Value;
        Assert.Contains("00:07:00", decorator, StringComparison.Ordinal);
        Assert.DoesNotContain("00:01:00", decorator, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_edited_in_one_repository_reads_that_class_alone_again_for_the_manifest()
    {
        var second = Repository.Replace("ARepository", "BRepository", StringComparison.Ordinal).Replace("interface IA", "interface IB", StringComparison.Ordinal).Replace(": IA", ": IB", StringComparison.Ordinal).Replace("rows_a", "rows_b", StringComparison.Ordinal);
        var compilation = GeneratorHarness.CreateCompilation(Repository, Row, Other, second);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var old = compilation.SyntaxTrees.First();
        compilation = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(Repository.Replace("[Cached(\"00:01:00\", \"a:<id>\")]", "[Cached(\"00:01:00\", \"z:<id>\")]", StringComparison.Ordinal), GeneratorHarness.ParseOptions, path: old.FilePath));
        driver = driver.RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();

        // One class read again (the edited one); the other's model comes from the cache.
        Assert.Equal([IncrementalStepRunReason.Modified, IncrementalStepRunReason.Cached], result.TrackedSteps[TrackingNames.CoverageClasses].SelectMany(s => s.Outputs).Select(o => o.Reason).Order());
        var manifest = Sources(result).Single(p => p.Key.Contains("Manifest", StringComparison.Ordinal)).Value;
        Assert.Contains("z:<id>", manifest, StringComparison.Ordinal);
        Assert.Contains("rows_b", manifest, StringComparison.Ordinal);

        // The same as a fresh run over the same text.
        var fresh = GeneratorHarness.Run(compilation).Result.GeneratedTrees.Single(t => t.FilePath.Contains("Manifest", StringComparison.Ordinal)).ToString();
        Assert.Equal(fresh, manifest);
    }

    [Fact]
    public void The_manifest_follows_a_SQL_edit_in_a_repository_body()
    {
        var (before, after, _) = Edit(0, Repository.Replace("SELECT id FROM rows_a", "SELECT id FROM rows_b", StringComparison.Ordinal));

        var manifest = before.Keys.Single(k => k.Contains("Manifest", StringComparison.Ordinal));
        Assert.Contains("rows_a", before[manifest], StringComparison.Ordinal);
        Assert.Contains("rows_b", after[manifest], StringComparison.Ordinal);
        Assert.DoesNotContain("\"rows_b\"", before[manifest], StringComparison.Ordinal);
    }

    [Fact]
    public void A_cached_method_written_through_an_alias_is_decorated()
    {
        var aliased = Repository.Replace("using CachingGen;", "using CachingGen;\nusing Keep = CachingGen.CachedAttribute;", StringComparison.Ordinal)
            .Replace("[Cached(\"00:01:00\", \"a:<id>\")]", "[Keep(\"00:01:00\", \"a:<id>\")]", StringComparison.Ordinal);
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(aliased, Row, Other));

        var decorator = result.GeneratedTrees.Single(t => t.FilePath.Contains("ARepository", StringComparison.Ordinal)).ToString();
        Assert.Contains("[Cached] key <c>a:&lt;id&gt;</c>", decorator, StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    /// <summary>Runs the generator, replaces file <paramref name="index"/> with <paramref name="text"/>, runs it again.</summary>
    private static (Dictionary<string, string> Before, Dictionary<string, string> After, GeneratorRunResult Result) Edit(int index, string text)
    {
        var compilation = GeneratorHarness.CreateCompilation(Repository, Row, Other);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var before = Sources(driver.GetRunResult().Results.Single());

        var old = compilation.SyntaxTrees.ElementAt(index);
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path: old.FilePath)));
        var result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        return (before, Sources(result), result);
    }

    private static Dictionary<string, string> Sources(GeneratorRunResult result)
        => result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    /// <summary>After editing source <paramref name="index"/> to <paramref name="text"/>, every output of each of <paramref name="cachedSteps"/> is reused and the generated files are the same.</summary>
    private static void AssertNothingRegenerated(int index, string text, params string[] cachedSteps)
    {
        var (before, after, result) = Edit(index, text);
        foreach (var step in cachedSteps)
        {
            AssertEveryOutput(result, step, IncrementalStepRunReason.Cached);
        }

        Assert.Equal(before, after);
    }

    private static void AssertEveryOutput(GeneratorRunResult result, string step, IncrementalStepRunReason reason)
    {
        var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.True(o.Reason == reason, $"{step} was {o.Reason}, expected {reason}"));
    }
}
