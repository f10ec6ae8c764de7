using System.Collections.Immutable;
using Microsoft.CodeAnalysis.CSharp;

namespace CachingGen.Generator.Tests.Coverage;

/// <summary>CG0032: with the change feed on, a cached read whose tables the SQL analysis cannot all see.</summary>
public sealed class ChangeFeedCoverageTests
{
    private static readonly string Repository = UserSource.Using("System.Collections.Generic", "System.Threading.Tasks", "CachingGen", "Dapper", "Npgsql").Namespace("Shop")
        .Class("public sealed class BalanceRepository(NpgsqlConnection db)", """
            [Cached("1m", "balance:<id>")]
            public Task<int> UnknownAsync(long id) => db.QuerySingleOrDefaultAsync<int>(Sql(), new { id });

            [Cached("1m", "balance:user:<userId>")]
            public Task<int> NoSqlAsync(long userId) => Task.FromResult((int)userId);

            [Cached("1m", "balance:token:<id>")]
            [ReadsTable("balances")]
            public Task<int> StatedAsync(long id) => db.QuerySingleOrDefaultAsync<int>(Sql(), new { id });

            [Cached("1m", "balance:known:<id>")]
            public Task<int> KnownAsync(long id) => db.QuerySingleOrDefaultAsync<int>("SELECT amount FROM balances WHERE id = @id", new { id });

            [Invalidates("balance:<id>")]
            public Task CreditAsync(long id) => db.ExecuteAsync("UPDATE \"Ledger\" SET amount = amount + 1 WHERE id = @id", new { id });

            private static string Sql() => System.Guid.NewGuid().ToString();
            """);

    [Fact]
    public async Task A_reference_to_the_feed_package_reports_each_read_whose_tables_are_not_all_known_and_not_one_stated_or_fully_read()
    {
        var diagnostics = await AnalyzeAsync(withFeedReference: true, property: null);
        Assert.Equal(["NoSqlAsync", "UnknownAsync"], diagnostics.Select(d => d.GetMessage().Split('\'')[1]).Order());
        var unknown = Assert.Single(diagnostics, d => d.GetMessage().StartsWith("'UnknownAsync'", System.StringComparison.Ordinal));
        Assert.Equal("'UnknownAsync' may read tables the change feed cannot see: its SQL 'Sql()' is not a constant string, so its tables cannot be read; name each with [ReadsTable(\"…\")] so writes from anywhere invalidate it (a read of no database table needs nothing: suppress CG0032 for it)", unknown.GetMessage());
        Assert.Equal("Cached(\"1m\", \"balance:<id>\")", DiagnosticAssert.Underlined(unknown));
        Assert.Equal("\"Ledger\"|balances", unknown.Properties["CandidateTables"]);
    }

    [Theory]
    [InlineData("true", 2)]
    [InlineData("True", 2)]
    [InlineData("false", 0)]
    [InlineData(null, 0)]
    public async Task The_property_turns_it_on_without_the_reference(string? property, int expected)
        => Assert.Equal(expected, (await AnalyzeAsync(withFeedReference: false, property)).Length);

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(bool withFeedReference, string? property)
    {
        var compilation = GeneratorHarness.CreateCompilation(CoverageSources.Data, Repository);
        if (withFeedReference)
        {
            // An empty assembly named like the feed's runtime package: the reference alone turns the check on.
            var feed = CSharpCompilation.Create("CachingGen.Postgres", [], GeneratorHarness.References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            compilation = compilation.AddReferences(feed.ToMetadataReference());
        }

        var options = property is null ? null : new TestOptionsProvider(new Dictionary<string, string> { ["build_property.CachingGenChangeFeed"] = property });
        var diagnostics = await GeneratorHarness.AnalyzeAsync(compilation, options);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return [.. diagnostics.Where(d => d.Id == "CG0032")];
    }
}
