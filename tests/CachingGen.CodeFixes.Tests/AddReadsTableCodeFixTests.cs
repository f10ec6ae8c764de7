using Verify = CachingGen.CodeFixes.Tests.CodeFixVerifier<CachingGen.CodeFixes.AddReadsTableCodeFix>;

namespace CachingGen.CodeFixes.Tests;

/// <summary>CG0032's fix: one [ReadsTable] action per table the class's other methods read or write.</summary>
public sealed class AddReadsTableCodeFixTests
{
    private static readonly string Data = DataStubs.Dapper(execute: false);

    private const string NoSql = "no SQL the analysis can read was found in its body (another data source, or SQL passed in)";

    [Theory]
    [InlineData("balances")]
    [InlineData("tokens")]
    [InlineData("ledger")]
    public async Task Each_table_of_the_other_methods_is_an_action_of_its_own(string table)
    {
        var test = Verify.Create(
            [Data, Repository("""
                [{|#0:Cached("1m", "balance:<id>")|}]
                public Task<long> FindAsync(long id) => Task.FromResult(id);
                """, withOthers: true)],
            [Data, Repository($$"""
                [Cached("1m", "balance:<id>")]
                [ReadsTable("{{table}}")]
                public Task<long> FindAsync(long id) => Task.FromResult(id);
                """, withOthers: true)],
            [Verify.Diagnostic("CG0032").WithLocation(0).WithArguments("FindAsync", NoSql)]);
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.CachingGenChangeFeed = true\n"));
        test.CodeActionEquivalenceKey = "AddReadsTableCodeFix:" + table;
        test.CodeActionVerifier = (action, verifier) => verifier.Equal($"Add [ReadsTable(\"{table}\")]", action.Title);
        await test.RunAsync();
    }

    [Fact]
    public async Task Without_a_table_elsewhere_in_the_class_nothing_is_offered()
    {
        var source = Repository("""
            [{|#0:Cached("1m", "balance:<id>")|}]
            public Task<long> FindAsync(long id) => Task.FromResult(id);
            """, withOthers: false);
        var test = Verify.Create([Data, source], [Data, source], [Verify.Diagnostic("CG0032").WithLocation(0).WithArguments("FindAsync", NoSql)]);
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.CachingGenChangeFeed = true\n"));
        await test.RunAsync();
    }

    /// <summary>The read under test, then two cached reads that read (or, without <paramref name="withOthers"/>, name) no table.</summary>
    private static string Repository(string read, bool withOthers) => DataStubs.Shop
        .Interface("IBalanceRepository", ["Task<long> FindAsync(long id);", "Task<decimal> TotalAsync(long userId);", "Task<int> CountAsync(long userId);"])
        .Class("public sealed class BalanceRepository(NpgsqlConnection db) : IBalanceRepository", $$"""
            {{read}}

            [Cached("1m", "balance:user:<userId>")]
            public Task<decimal> TotalAsync(long userId) => {{(withOthers ? "db.ExecuteScalarAsync<decimal>(\"SELECT SUM(amount) FROM balances WHERE user_id = @userId\", new { userId })" : "db.ExecuteScalarAsync<decimal>(\"SELECT 0\")")}};

            {{(withOthers ? "[ReadsTable(\"ledger\")]" : string.Empty)}}
            [Cached("1m", "tokens:<userId>")]
            public Task<int> CountAsync(long userId) => {{(withOthers ? "db.ExecuteScalarAsync<int>(\"SELECT COUNT(*) FROM tokens WHERE owner = @userId\", new { userId })" : "db.ExecuteScalarAsync<int>(\"SELECT 0\")")}};
            """);
}
