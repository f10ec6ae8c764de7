using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp;

namespace CachingGen.Generator.Tests;

/// <summary>
/// What the decorator pipeline parses again after a declaration edit, and that whatever it keeps equals a fresh run
/// (what a command-line build writes for the same text). A method's model is kept across a declaration change that
/// cannot alter it: the files declaring its class, the class's bases and interfaces, and the types its parameters
/// and result reach are unchanged, and so are the shape of the declarations and the members its signature and
/// attributes name. <see cref="Pipelines.GeneratorHooks.TransformingMethod"/> counts the methods parsed.
/// </summary>
public sealed class DecoratorReuseTests
{
    private const string Row = """
        namespace App;
        public sealed class Row
        {
            [System.Text.Json.Serialization.JsonPropertyName("id")]
            public long Id { get; init; }

            [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
            public string? Note { get; init; }
        }
        """;

    private const string Repository = """
        using System.Threading.Tasks;
        using CachingGen;
        namespace App;
        public sealed class ARepository : IA
        {
            [Cached("00:01:00", "a:<id>")]
            public Task<Row?> GetAsync(int id) => Task.FromResult<Row?>(new Row { Id = id });

            [Invalidates("a:<id>")]
            public Task SetAsync(int id) => Task.CompletedTask;

            [Cached("00:01:00", "a:row:<row.Id>")]
            public Task<int> CountAsync(Row row) => Task.FromResult(1);
        }
        """;

    private const string Contracts = """
        using System.Threading.Tasks;
        namespace App;
        public interface IA { Task<Row?> GetAsync(int id); Task SetAsync(int id); Task<int> CountAsync(Row row); }
        """;

    private const string Other = """
        using System.Threading.Tasks;
        using CachingGen;
        namespace App;
        public sealed class Count { public int Value { get; init; } }
        public interface IB { Task<Count> CountAsync(long userId); Task ResetAsync(long userId); }
        public sealed class BRepository : IB
        {
            [Cached("00:01:00", "b:<userId>")]
            public Task<Count> CountAsync(long userId) => Task.FromResult(new Count());

            [Invalidates("b:<userId>")]
            public Task ResetAsync(long userId) => Task.CompletedTask;
        }
        """;

    [Theory]
    [InlineData("JsonPropertyName(\"id\")", "JsonPropertyName(\"key\")")]
    [InlineData("JsonIgnoreCondition.WhenWritingNull", "JsonIgnoreCondition.Always")]
    public void A_json_attribute_argument_edited_on_a_cached_result_type_is_followed_by_the_decorator(string from, string to)
    {
        // The stored JSON changes, so the result-shape hash in the decorator must: a stale one would read old entries.
        var (before, after, _) = Edit(1, Row.Replace(from, to, StringComparison.Ordinal));

        var decorator = before.Keys.Single(k => k.Contains("ARepository", StringComparison.Ordinal));
        Assert.Equal(after.Fresh[decorator], after.Sources[decorator]);
        Assert.NotEqual(before[decorator], after.Sources[decorator]);
    }

    [Theory]
    // BRepository's two methods, not ARepository's three: its files, its types and the names it spells are unchanged.
    [InlineData(2, "Task ResetAsync(long userId) =>", "Task ResetAsync(long userId, int extra = 0) =>", 2, "BRepository")]
    // GetAsync returns a Row, CountAsync takes one; SetAsync and BRepository's methods reach no Row.
    [InlineData(1, "public long Id { get; init; }", "public long Id { get; init; }\n    public string Name { get; init; } = \"\";", 2, "ARepository")]
    public void A_declaration_edit_parses_again_the_methods_it_can_alter_and_their_decorator_follows(int index, string from, string to, int parsed, string changed)
    {
        var (before, after, count) = Edit(index, new[] { Repository, Row, Other, Contracts }[index].Replace(from, to, StringComparison.Ordinal));

        Assert.Equal(parsed, count);
        AssertFresh(after);
        var decorator = before.Keys.Single(k => k.Contains(changed, StringComparison.Ordinal));
        Assert.NotEqual(before[decorator], after.Sources[decorator]);
    }

    [Fact]
    public void A_key_member_path_property_renamed_in_another_file_is_followed()
    {
        var (_, after, parsed) = Edit(1, Row.Replace("public long Id { get; init; }", "public long Key { get; init; }", StringComparison.Ordinal));

        Assert.Equal(2, parsed);
        AssertFresh(after);
    }

    [Fact]
    public void A_member_added_to_a_repository_interface_in_another_file_is_followed_by_the_decorator()
    {
        var (before, after, parsed) = Edit(3, Contracts.Replace("Task SetAsync(int id);", "Task SetAsync(int id); Task<long> TotalAsync();", StringComparison.Ordinal));

        // The interface is one of the class's: each of its methods is parsed again, and the decorator now forwards the new member.
        Assert.Equal(3, parsed);
        AssertFresh(after);
        var decorator = before.Keys.Single(k => k.Contains("ARepository", StringComparison.Ordinal));
        Assert.DoesNotContain("TotalAsync", before[decorator], StringComparison.Ordinal);
        Assert.Contains("TotalAsync", after.Sources[decorator], StringComparison.Ordinal);
    }

    [Fact]
    public void A_type_declared_anywhere_parses_every_method_again()
    {
        // A new type can change what any name binds to: the shape of the declarations differs.
        var (before, after, parsed) = Edit(2, Other + "\npublic sealed class Helper { }\n");

        Assert.Equal(5, parsed);
        AssertFresh(after);
        Assert.Equal(before, after.Sources);
    }

    [Fact]
    public void A_keystroke_in_a_body_parses_nothing_again()
    {
        var (before, after, parsed) = Edit(0, Repository.Replace("Task.FromResult(1)", "Task.FromResult(12)", StringComparison.Ordinal));

        Assert.Equal(0, parsed);
        Assert.Equal(before, after.Sources);
    }

    private static void AssertFresh((Dictionary<string, string> Sources, Dictionary<string, string> Fresh) after)
    {
        Assert.Equal(after.Fresh.Keys.Order(), after.Sources.Keys.Order());
        foreach (var (name, text) in after.Fresh)
        {
            Assert.Equal(text, after.Sources[name]);
        }
    }

    [Theory]
    [InlineData("""
        using JName = System.Text.Json.Serialization.JsonPropertyNameAttribute;
        namespace App;
        public sealed class Row { [JName("id")] public long Id { get; init; } }
        """)]
    [InlineData("""
        namespace App;
        public sealed record Row([property: System.Text.Json.Serialization.JsonPropertyName("id")] long Id);
        """)]
    public void A_json_name_written_through_an_alias_or_on_a_record_parameter_is_followed(string row)
    {
        var compilation = GeneratorHarness.CreateCompilation(Repository.Replace("new Row { Id = id }", "null", StringComparison.Ordinal), row, Other, Contracts);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var before = Sources(driver.GetRunResult().Results.Single());
        var old = compilation.SyntaxTrees.ElementAt(1);
        compilation = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(row.Replace("(\"id\")", "(\"key\")", StringComparison.Ordinal), GeneratorHarness.ParseOptions, path: old.FilePath));
        var after = Sources(driver.RunGenerators(compilation).GetRunResult().Results.Single());
        var fresh = GeneratorHarness.Run(compilation).Result.GeneratedTrees.ToDictionary(t => Path.GetFileName(t.FilePath), t => t.ToString());

        var decorator = before.Keys.Single(k => k.Contains("ARepository", StringComparison.Ordinal));
        Assert.Equal(fresh[decorator], after[decorator]);
        Assert.NotEqual(before[decorator], after[decorator]);
    }

    /// <summary>Runs the generator over the four files, replaces file <paramref name="index"/> with <paramref name="text"/>, runs it again, and once more from scratch.</summary>
    private static (Dictionary<string, string> Before, (Dictionary<string, string> Sources, Dictionary<string, string> Fresh) After, int Parsed) Edit(int index, string text)
    {
        var parsed = 0;
        var compilation = GeneratorHarness.CreateCompilation(Repository, Row, Other, Contracts);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true, generator: new CachingGenGenerator(new Pipelines.GeneratorHooks { TransformingMethod = _ => Interlocked.Increment(ref parsed) })).RunGenerators(compilation);
        var before = Sources(driver.GetRunResult().Results.Single());
        parsed = 0;

        var old = compilation.SyntaxTrees.ElementAt(index);
        compilation = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path: old.FilePath));
        driver = driver.RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        var fresh = GeneratorHarness.Run(compilation).Result.GeneratedTrees.ToDictionary(t => Path.GetFileName(t.FilePath), t => t.ToString());
        return (before, (Sources(result), fresh), parsed);
    }

    private static Dictionary<string, string> Sources(GeneratorRunResult result)
        => result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
}
