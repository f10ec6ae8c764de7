using CachingGen.Generator.Tests.Coverage.Corpus;

namespace CachingGen.Generator.Tests.Coverage;

/// <summary>CG0029 compares names by the dialect of the connection the SQL runs on; an unknown one can only add warnings.</summary>
public sealed class DialectCoverageTests
{
    [Theory]
    [InlineData("Microsoft.Data.SqlClient.SqlConnection", "[dbo].[Customers]", true)]
    [InlineData("MySqlConnector.MySqlConnection", "`Customers`", true)]
    [InlineData("Microsoft.Data.Sqlite.SqliteConnection", "\"Customers\"", true)]
    [InlineData("Npgsql.NpgsqlConnection", "\"Customers\"", false)]
    [InlineData("Npgsql.NpgsqlConnection", "Customers", true)]
    [InlineData("System.Data.IDbConnection", "\"Customers\"", true)]
    public async Task A_quoted_name_matches_an_unquoted_one_unless_PostgreSQL_keeps_its_case(string connection, string table, bool reported)
    {
        var diagnostics = await GeneratorHarness.AnalyzeAsync(GeneratorHarness.CreateCompilation(CorpusSources.Data, CorpusSources.Usings + $$"""
            namespace Dialects;
            public sealed class CustomerRepository({{connection}} db)
            {
                [Cached("5m", "customer:<id>")]
                public Task<string?> NameAsync(int id) => db.QuerySingleOrDefaultAsync<string?>("SELECT Name FROM {{table.Replace("\"", "\\\"", System.StringComparison.Ordinal)}} WHERE Id = @id", new { id });

                public Task RenameAsync(int id, string name) => db.ExecuteAsync("UPDATE customers SET name = @name WHERE id = @id", new { id, name });
            }
            """));
        Assert.Equal(reported ? ["RenameAsync→NameAsync"] : [], CorpusScore.Found(diagnostics));
    }
}
