using System.Text.Json;

namespace CachingGen.Generator.Tests.Coverage;

/// <summary>
/// The manifest's <c>bindings</c>: which key placeholders a cached read's SQL pins to a column (for the change feed's
/// exact invalidation). Only sound ones: a wrong binding is a stale read, a missing one a coarser invalidation.
/// </summary>
public sealed class ManifestBindingTests
{
    [Theory]
    [InlineData("""db.QueryAsync<int>("SELECT amount FROM balances WHERE user_id = @userId", new { userId })""", "userId→balances.user_id:int")]
    [InlineData("""db.QueryAsync<int>("SELECT b.amount FROM balances b WHERE b.user_id = @UserId AND b.deleted = false", new { UserId = userId })""", "userId→balances.user_id:int")]
    [InlineData("""db.QueryAsync<int>("SELECT amount FROM balances WHERE user_id = @id", new { id = userId })""", "userId→balances.user_id:int")]
    [InlineData("""db.QueryAsync<int>("SELECT amount FROM balances WHERE user_id = @userId OR shared", new { userId })""", "")]
    [InlineData("""db.QueryAsync<int>("SELECT b.amount FROM balances b JOIN users u ON u.id = b.user_id WHERE b.user_id = @userId", new { userId })""", "")]
    [InlineData("""db.QueryAsync<int>("SELECT amount FROM balances WHERE user_id = @userId AND token_id IN (SELECT id FROM tokens)", new { userId })""", "")]
    [InlineData("""db.QueryAsync<int>("SELECT amount FROM balances WHERE user_id = @userId", new { userId = userId + 1 })""", "")]
    [InlineData("""db.QueryAsync<int>("SELECT amount FROM balances WHERE user_id = @userId")""", "")]
    [InlineData("""db.QueryAsync<int>("SELECT amount FROM balances WHERE user_id = $1", new { userId })""", "")]
    [InlineData("""db.QueryAsync<int>("SELECT `amount` FROM `balances` WHERE `user_id` = @userId", new { userId })""", "userId→balances.user_id:int")]
    [InlineData("""db.QueryAsync<int>("SELECT [Amount] FROM [dbo].[Balances] WHERE [UserId] = @userId", new { userId })""", "userId→balances.UserId:int")]
    [InlineData("""db.QueryAsync<int>(new CommandDefinition("SELECT amount FROM balances WHERE user_id = @id", new { id = userId }))""", "userId→balances.user_id:int")]
    public void A_read_binds_the_placeholders_its_where_pins_to_a_column(string call, string expected)
        => Assert.Equal(expected, Bindings(Read("balance:user:<userId>", "int userId", $"=> {call};")));

    [Fact]
    public void Two_conjuncts_bind_both_placeholders_of_the_key()
        => Assert.Equal(
            "token→balances.token:string,userId→balances.user_id:long",
            Bindings(Read("balance:<userId>:<token>", "long userId, string token", """=> db.QueryAsync<int>("SELECT amount FROM balances WHERE user_id = @userId AND token = @token AND amount > 0", new { userId, token });""")));

    [Fact]
    public void Sql_in_a_local_and_in_a_const_field_binds()
    {
        Assert.Equal("userId→balances.user_id:int", Bindings(Read("balance:<userId>", "int userId", """
            {
                var sql = "SELECT amount FROM balances WHERE user_id = @userId";
                return db.QueryAsync<int>(sql, new { userId });
            }
            """)));
        Assert.Equal("userId→balances.user_id:int", Bindings(Read("balance:<userId>", "int userId", """=> db.QueryAsync<int>(Sql, new { userId });""")));
    }

    [Fact]
    public void Two_variants_keep_only_the_bindings_both_make()
        => Assert.Equal("userId→balances.user_id:int", Bindings(Read("balance:<userId>:<token>", "int userId, string token", """
            {
                string sql;
                if (token.Length == 0)
                {
                    sql = "SELECT amount FROM balances WHERE user_id = @userId";
                }
                else
                {
                    sql = "SELECT amount FROM balances WHERE user_id = @userId AND token = @token";
                }

                return db.QueryAsync<int>(sql, new { userId, token });
            }
            """)));

    [Fact]
    public void Two_variants_with_different_columns_bind_nothing()
        => Assert.Equal(string.Empty, Bindings(Read("balance:<userId>", "int userId, bool byOwner", """
            => db.QueryAsync<int>(byOwner ? "SELECT amount FROM balances WHERE owner_id = @userId" : "SELECT amount FROM balances WHERE user_id = @userId", new { userId });
            """)));

    [Fact]
    public void A_member_path_placeholder_binds_nothing()
        => Assert.Equal(string.Empty, Bindings(Read("balance:<query.UserId>", "Query query", """=> db.QueryAsync<int>("SELECT amount FROM balances WHERE user_id = @UserId", query);""")));

    [Fact]
    public void A_nullable_parameter_keeps_its_question_mark()
    {
        Assert.Equal("userId→balances.user_id:int?", Bindings(Read("balance:<userId>", "int? userId", """=> db.QueryAsync<int>("SELECT amount FROM balances WHERE user_id = @userId", new { userId });""")));
        Assert.Equal("name→users.name:string?,tenant→users.tenant:System.Guid", Bindings(Read("user:<tenant>:<name>", "System.Guid tenant, string? name", """=> db.QueryAsync<int>("SELECT id FROM users WHERE tenant = @tenant AND name = @name", new { tenant, name });""")));
    }

    [Theory]
    [InlineData("""command.Parameters.AddWithValue("@id", userId);""", "userId→balances.user_id:int")]
    [InlineData("""command.Parameters.Add(new NpgsqlParameter("id", userId));""", "userId→balances.user_id:int")]
    [InlineData("""command.Parameters.AddWithValue("@id", userId); command.Parameters.AddWithValue("id", 7);""", "")]
    public void An_ado_net_command_binds_through_its_parameters(string parameters, string expected)
        => Assert.Equal(expected, Bindings(Read("balance:<userId>", "int userId", $$"""
            {
                var command = new NpgsqlCommand("SELECT amount FROM balances WHERE user_id = @id", db);
                {{parameters}}
                return Task.FromResult<IEnumerable<int>>(new int[0]);
            }
            """)));

    [Fact]
    public void A_read_with_reads_table_or_unknown_sql_binds_nothing()
    {
        Assert.Equal(string.Empty, Bindings(Read("balance:<userId>", "int userId", """=> db.QueryAsync<int>("SELECT amount FROM balances WHERE user_id = @userId", new { userId });""", """[ReadsTable("tokens")]""")));
        Assert.Equal(string.Empty, Bindings(Read("balance:<userId>", "int userId", """
            {
                _ = db.QueryAsync<int>("SELECT amount FROM balances WHERE user_id = @userId", new { userId });
                return db.QueryAsync<int>(Dynamic(), new { userId });
            }
            """)));
    }

    [Fact]
    public void Every_cached_entry_has_bindings_even_when_empty()
    {
        var entry = Read("balance:<userId>", "int userId", """=> db.QueryAsync<int>("SELECT amount FROM balances", new { userId });""");
        Assert.Equal(JsonValueKind.Array, entry.GetProperty("bindings").ValueKind);
        Assert.Empty(entry.GetProperty("bindings").EnumerateArray());
    }

    private static string Bindings(JsonElement entry)
        => string.Join(",", entry.GetProperty("bindings").EnumerateArray().Select(b =>
            $"{b.GetProperty("placeholder").GetString()}→{b.GetProperty("table").GetString()}.{b.GetProperty("column").GetString()}:{b.GetProperty("type").GetString()}"));

    private static JsonElement Read(string key, string parameters, string body, string attributes = "")
    {
        var source = $$"""
            #nullable enable
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using CachingGen;
            using Dapper;
            using Npgsql;
            namespace Wallets;
            public sealed record Query(int UserId);
            public sealed class BalanceRepository(NpgsqlConnection db)
            {
                private const string Sql = "SELECT amount FROM balances WHERE user_id = @userId";

                [Cached("1m", "{{key}}")]
                {{attributes}}
                public Task<IEnumerable<int>> ReadAsync({{parameters}})
                    {{body}}

                private static string Dynamic() => System.Guid.NewGuid().ToString();
            }
            """;

        // The sample itself compiles: a binding read from broken code would prove nothing.
        Assert.Empty(GeneratorHarness.CreateCompilation(CoverageSources.Data, source).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var manifest = ManifestTests.Manifest(source);
        return Assert.Single(manifest.GetProperty("cached").EnumerateArray());
    }
}
