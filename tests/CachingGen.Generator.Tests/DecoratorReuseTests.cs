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
        public interface IA { Task<Row?> GetAsync(int id); Task SetAsync(int id); }
        public sealed class ARepository : IA
        {
            [Cached("00:01:00", "a:<id>")]
            public Task<Row?> GetAsync(int id) => Task.FromResult<Row?>(new Row { Id = id });

            [Invalidates("a:<id>")]
            public Task SetAsync(int id) => Task.CompletedTask;
        }
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

    /// <summary>Runs the generator over the three files, replaces file <paramref name="index"/> with <paramref name="text"/>, runs it again, and once more from scratch.</summary>
    private static (Dictionary<string, string> Before, (Dictionary<string, string> Sources, Dictionary<string, string> Fresh) After, int Parsed) Edit(int index, string text)
    {
        var parsed = 0;
        var compilation = GeneratorHarness.CreateCompilation(Repository, Row, Other);
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
