using System.Threading;
using CachingGen.Generator.Analyzers;
using Microsoft.CodeAnalysis.CSharp;

namespace CachingGen.Generator.Tests;

/// <summary>
/// The analyzer keeps each repository type's facts across compilations (<see cref="TypeFactsCache"/>) while nothing they
/// depend on changed: an edit elsewhere reuses them (the same object), an edit to a file they depend on or to the shape of
/// the declarations reads them again, and after any edit the diagnostics equal those of a fresh analysis (new trees of
/// the same text, which the cache has never seen).
/// </summary>
public sealed class AnalyzerReuseTests
{
    private const string Reader = """
        using System.Data;
        using System.Threading.Tasks;
        using CachingGen;
        namespace App;
        public interface IA { Task<int> GetAsync(int id); }
        public sealed class ARepository(IDbCommand command) : IA
        {
            [Cached("00:01:00", Keys.Row)]
            public Task<int> GetAsync(int id)
            {
                command.CommandText = "SELECT amount FROM rows_a WHERE id = @id";
                return Task.FromResult(id);
            }
        }
        """;

    private const string Writer = """
        using System.Data;
        using System.Threading.Tasks;
        using CachingGen;
        namespace App;
        public interface IB { Task SetAsync(Change change); }
        public sealed class BRepository(IDbCommand command) : IB
        {
            [Invalidates("a:<change.Id>")]
            public Task SetAsync(Change change)
            {
                command.CommandText = "UPDATE rows_a SET amount = 1 WHERE id = @Id";
                return Task.CompletedTask;
            }
        }
        """;

    private const string Change = """
        namespace App;
        public sealed class Change { public int Id { get; init; } }
        """;

    private const string Keys = """
        namespace App;
        public static class Keys { public const string Row = "a:<id>"; }
        """;

    private const string Other = """
        namespace App;
        public static class Other { public static int Value() { var x = 1; return x; } }
        """;

    [Theory]
    // A keystroke in another file: every type kept.
    [InlineData(4, "var x = 1;", "var x = 12;", true, true)]
    // An edit to a repository file: that type read again alone.
    [InlineData(0, "WHERE id = @id", "WHERE id = @id AND 1 = 1", false, true)]
    // A parameter type's member (the values a writer can name keys with): the type that takes it read again.
    [InlineData(2, "public int Id { get; init; }", "public int Id { get; init; } public int Version { get; init; }", true, false)]
    // A constant changed in another file (the shape of the declarations): every type read again.
    [InlineData(3, "\"a:<id>\"", "\"z:<id>\"", false, false)]
    public void An_edit_keeps_the_types_it_cannot_change(int index, string from, string to, bool readerKept, bool writerKept)
    {
        var (before, after) = Find(index, new[] { Reader, Writer, Change, Keys, Other }[index].Replace(from, to, StringComparison.Ordinal));

        Assert.Equal(readerKept, ReferenceEquals(before["App.ARepository"], after["App.ARepository"]));
        Assert.Equal(writerKept, ReferenceEquals(before["App.BRepository"], after["App.BRepository"]));
    }

    [Theory]
    [InlineData(0, "Keys.Row", "\"z:<id>\"")]
    [InlineData(3, "\"a:<id>\"", "\"z:<id>\"")]
    [InlineData(2, "public int Id { get; init; }", "public int Key { get; init; }")]
    [InlineData(4, "var x = 1;", "var x = 12;")]
    public async Task After_an_edit_the_diagnostics_equal_a_fresh_analysis(int index, string from, string to)
    {
        var sources = new[] { Reader, Writer, Change, Keys, Other };
        var compilation = GeneratorHarness.CreateCompilation(sources);
        var warm = Describe(await GeneratorHarness.AnalyzeAsync(compilation));
        var old = compilation.SyntaxTrees.ElementAt(index);
        sources[index] = sources[index].Replace(from, to, StringComparison.Ordinal);
        var edited = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(sources[index], GeneratorHarness.ParseOptions, path: old.FilePath));

        var reused = Describe(await GeneratorHarness.AnalyzeAsync(edited));
        var fresh = Describe(await GeneratorHarness.AnalyzeAsync(GeneratorHarness.CreateCompilation(sources)));

        Assert.Equal(fresh, reused);
        if (index != 4)
        {
            // Each of these edits changes what is reported (CG0029 and CG0015 on the writer, whose facts are kept for the first; CG0006 for the third): the reuse must follow it.
            Assert.NotEqual(warm, reused);
        }
    }

    [Fact]
    public async Task A_constant_changed_in_a_generated_file_is_followed()
    {
        // Another generator's output, a T4 file or GlobalUsings.g.cs can declare what a key names; only CachingGen's own
        // output is left out of what kept facts depend on.
        var compilation = GeneratorHarness.CreateCompilation(Reader, Writer, Change, Keys, Other);
        var keys = compilation.SyntaxTrees.ElementAt(3);
        compilation = compilation.ReplaceSyntaxTree(keys, CSharpSyntaxTree.ParseText(Keys, GeneratorHarness.ParseOptions, path: "Keys.g.cs"));
        var warm = Describe(await GeneratorHarness.AnalyzeAsync(compilation));
        var edited = Keys.Replace("\"a:<id>\"", "\"z:<id>\"", StringComparison.Ordinal);
        compilation = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.ElementAt(3), CSharpSyntaxTree.ParseText(edited, GeneratorHarness.ParseOptions, path: "Keys.g.cs"));

        var reused = Describe(await GeneratorHarness.AnalyzeAsync(compilation));
        var fresh = Describe(await GeneratorHarness.AnalyzeAsync(GeneratorHarness.CreateCompilation(Reader, Writer, Change, edited, Other)
            is var again ? again.ReplaceSyntaxTree(again.SyntaxTrees.ElementAt(3), CSharpSyntaxTree.ParseText(edited, GeneratorHarness.ParseOptions, path: "Keys.g.cs")) : null!));

        Assert.Equal(fresh, reused);
        Assert.NotEqual(warm, reused);
    }

    [Fact]
    public void Two_file_local_types_of_one_name_are_two_types()
    {
        const string first = "using System.Threading.Tasks; using CachingGen; namespace App; file sealed class Repo { [Cached(\"00:01:00\", \"one:<id>\")] public Task<int> GetAsync(int id) => Task.FromResult(id); }";
        var compilation = GeneratorHarness.CreateCompilation(first, first.Replace("one:", "two:", StringComparison.Ordinal));

        var types = AnnotatedTypes.Find(compilation, BodyTablesCache.Stamp(compilation, CancellationToken.None), CancellationToken.None).Types;

        Assert.Equal(["one:<id>", "two:<id>"], types.SelectMany(t => t.Keys).Select(k => k.Shape.Text).Order(StringComparer.Ordinal));
    }

    private static (Dictionary<string, TypeFacts> Before, Dictionary<string, TypeFacts> After) Find(int index, string text)
    {
        var compilation = GeneratorHarness.CreateCompilation(Reader, Writer, Change, Keys, Other);
        var before = Types(compilation);
        var old = compilation.SyntaxTrees.ElementAt(index);
        var after = Types(compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path: old.FilePath)));
        return (before, after);
    }

    private static Dictionary<string, TypeFacts> Types(Compilation compilation)
        => AnnotatedTypes.Find(compilation, BodyTablesCache.Stamp(compilation, CancellationToken.None), CancellationToken.None).Types
            .ToDictionary(t => t.Id.Replace("global::", string.Empty, StringComparison.Ordinal));

    private static List<string> Describe(IEnumerable<Diagnostic> diagnostics)
        => diagnostics.Select(d => $"{d.Id} {d.Location.SourceTree?.FilePath}{d.Location.SourceSpan} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}").Order(StringComparer.Ordinal).ToList();
}
