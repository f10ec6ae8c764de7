using System.Threading;
using CachingGen.Generator.Pipelines;
using Microsoft.CodeAnalysis.CSharp;

namespace CachingGen.Generator.Tests.Coverage;

/// <summary>
/// The manifest keeps what it read from a repository class across a declaration change elsewhere unless the change can
/// alter it: the shape of the declarations, the environment, or a member whose name the class spells (in code or in a
/// string, such as a key's member path). The <see cref="GeneratorHooks.ReadingManifestClass"/> hook counts the classes
/// read; every run's manifest is compared with a fresh run's.
/// </summary>
public sealed class ManifestReuseTests
{
    private const string Balances = """
        using System.Threading.Tasks;
        using CachingGen;
        using Dapper;
        namespace Shop;
        public sealed class Balances(Connections connections)
        {
            [Cached("1m", "balance:<row.Id>")]
            public Task<decimal> AmountAsync(Row row) => connections.Main.ExecuteScalarAsync<decimal>("SELECT amount FROM balances WHERE id = @Id", row);

            // Declares a method named like Orders' (a declared name binds to nothing: Orders' signature is not read here).
            public Task<decimal> TotalAsync(long id) => Task.FromResult(0m);
        }
        """;

    private const string Orders = """
        using System.Threading.Tasks;
        using CachingGen;
        using Dapper;
        namespace Shop;
        public sealed class Orders(Npgsql.NpgsqlConnection db)
        {
            [Cached("1m", "order:<id>")]
            public Task<decimal> TotalAsync(long id) => db.ExecuteScalarAsync<decimal>("SELECT total FROM orders WHERE id = @id", new { id });
        }
        """;

    private const string Shared = """
        using System.Threading.Tasks;
        namespace Shop;
        public sealed class Connections { public Npgsql.NpgsqlConnection Main => null!; }
        public sealed class Silent { public Task<T> ExecuteScalarAsync<T>(string sql, object? param = null) => Task.FromResult(default(T)!); }
        public sealed class Row { public long Id { get; init; } }
        """;

    [Fact]
    public void A_parameter_added_in_one_repository_reads_that_class_alone()
    {
        var run = new ManifestRun();

        var manifest = run.Edit("Source2.cs", Orders.Replace("(long id)", "(long id, int page = 0)", StringComparison.Ordinal));

        Assert.Equal(["Orders"], run.Read);
        Assert.Equal(run.Fresh(), manifest);
    }

    [Fact]
    public void A_property_a_class_spells_changed_in_another_file_reads_that_class_again()
    {
        var run = new ManifestRun();
        var before = run.Manifest;

        // Main now runs no SQL: Balances' read touches no table. Orders does not spell Main and is kept.
        var manifest = run.Edit("Source3.cs", Shared.Replace("public Npgsql.NpgsqlConnection Main", "public Silent Main", StringComparison.Ordinal));

        Assert.Equal(["Balances"], run.Read);
        Assert.NotEqual(before, manifest);
        Assert.Equal(run.Fresh(), manifest);
    }

    [Fact]
    public void A_property_named_in_a_keys_member_path_is_followed()
    {
        var run = new ManifestRun();

        // Row.Id is spelled only inside the key's text ("<row.Id>") and the SQL: the words of a class's strings count.
        var manifest = run.Edit("Source3.cs", Shared.Replace("public long Id { get; init; }", "public string Id { get; init; } = \"\";", StringComparison.Ordinal));

        Assert.Contains("Balances", run.Read);
        Assert.Equal(run.Fresh(), manifest);
    }

    [Fact]
    public void A_changed_option_reads_every_class_again()
    {
        var run = new ManifestRun();

        var manifest = run.Run(run.Compilation.WithOptions(run.Compilation.Options.WithNullableContextOptions(NullableContextOptions.Disable)));

        Assert.Equal(["Balances", "Orders"], run.Read.Order(StringComparer.Ordinal));
        Assert.Equal(run.Fresh(), manifest);
    }

    /// <summary>A driver kept across edits whose generator records the classes the manifest reads in each run.</summary>
    private sealed class ManifestRun
    {
        private readonly List<string> _read = [];
        private GeneratorDriver _driver;

        public ManifestRun()
        {
            var generator = new CachingGenGenerator(new GeneratorHooks { ReadingManifestClass = name => { lock (_read) { _read.Add(name); } } });
            _driver = GeneratorHarness.CreateDriver(generator: generator);
            Compilation = GeneratorHarness.CreateCompilation(CoverageSources.Data, Balances, Orders, Shared);
            Manifest = Run(Compilation);
            Assert.Equal(2, _read.Count);
        }

        public CSharpCompilation Compilation { get; private set; }

        public string Manifest { get; private set; }

        /// <summary>The classes read by the last run.</summary>
        public IReadOnlyList<string> Read => _read;

        public string Edit(string path, string text)
        {
            var old = Compilation.SyntaxTrees.Single(t => t.FilePath == path);
            return Run(Compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path)));
        }

        public string Run(CSharpCompilation compilation)
        {
            _read.Clear();
            Compilation = compilation;
            _driver = _driver.RunGenerators(compilation);
            return Manifest = ManifestOf(_driver);
        }

        public string Fresh() => ManifestOf(GeneratorHarness.CreateDriver().RunGenerators(Compilation));

        private static string ManifestOf(GeneratorDriver driver)
            => driver.GetRunResult().Results.Single().GeneratedSources.Single(s => s.HintName.Contains("Manifest", StringComparison.Ordinal)).SourceText.ToString();
    }
}
