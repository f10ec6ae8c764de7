using System.Text.Json;

namespace CachingGen.Generator.Tests.Coverage;

/// <summary>
/// Constant flow of SQL text within a method and its class, read back from the manifest (the same builder as CG0029):
/// what each writer's SQL writes, or why it is unknown — never "nothing" when a run-time value is mixed in.
/// </summary>
public sealed class SqlTextFlowTests
{
    private static readonly Lazy<JsonElement> Writers = new(() => ManifestTests.Manifest("""
        using System.Text;
        using System.Threading.Tasks;
        using CachingGen;
        using Dapper;
        using Npgsql;
        namespace Flow;
        public enum Kind { A, B }
        public sealed class FlowRepository(NpgsqlConnection db)
        {
            private const string Table = "t_const";
            private static readonly string ReadonlyField = "DELETE FROM t_readonly_" + "field";
            private static string Property => $"DELETE FROM {Table}_property";

            [Cached("1m", "x:<id>")]
            public Task<int> ReadAsync(long id) => db.ExecuteScalarAsync<int>("SELECT 1 FROM t_read WHERE id = @id", new { id });

            public Task LocalAsync() { var sql = "DELETE FROM t_local"; return db.ExecuteAsync(sql); }

            public Task ReassignedAsync()
            {
                var query = "DELETE FROM t_first";
                db.ExecuteAsync(query);
                query = "DELETE FROM t_second";
                return db.ExecuteAsync(query);
            }

            public Task ReplacedAsync()
            {
                var query = "DELETE FROM t_replaced";
                query = "DELETE FROM t_kept";
                return db.ExecuteAsync(query);
            }

            public Task SelfAsync()
            {
                var sql = "UPDATE t_self SET a = 1";
                sql = sql + " WHERE id = 1";
                return db.ExecuteAsync(sql);
            }

            public Task BranchesAsync(bool hard)
            {
                string sql;
                if (hard) { sql = "DELETE FROM t_if"; } else { sql = "UPDATE t_else SET a = 1"; }
                return db.ExecuteAsync(sql);
            }

            public Task SwitchAsync(Kind kind) => db.ExecuteAsync(kind switch { Kind.A => "DELETE FROM t_arm_a", _ => "DELETE FROM t_arm_b" });

            public Task ChoiceAsync(bool a) => db.ExecuteAsync(a ? "DELETE FROM t_when_true" : "DELETE FROM t_when_false");

            public Task AppendedAsync(bool filter)
            {
                var sql = "UPDATE t_appended SET a = 1";
                if (filter) { sql += "; DELETE FROM t_maybe"; }
                sql += " WHERE id = 1";
                return db.ExecuteAsync(sql);
            }

            public Task InterpolatedAsync() => db.ExecuteAsync($"DELETE FROM {Table}_interpolated");

            public Task FormatAsync() => db.ExecuteAsync(string.Format("DELETE FROM {0}_format", Table));

            public Task ConcatAsync() => db.ExecuteAsync(string.Concat("DELETE FROM ", Table, "_concat"));

            public Task BuilderAsync()
            {
                var sql = new StringBuilder("DELETE ");
                sql.Append("FROM ").Append(Table);
                sql.AppendLine("_builder");
                return db.ExecuteAsync(sql.ToString());
            }

            public Task FieldAsync() => db.ExecuteAsync(ReadonlyField);

            public Task PropertyAsync() => db.ExecuteAsync(Property);

            public Task HelperAsync() => Run("DELETE FROM t_helper_arg");

            private Task Run(string sql) => db.ExecuteAsync(sql);

            public Task MixedAsync(string name) => db.ExecuteAsync("DELETE FROM t_mixed WHERE name = '" + name + "'");

            public Task MixedBuilderAsync(string name)
            {
                var sql = new StringBuilder("DELETE FROM t_mixed_builder");
                sql.Append(name);
                return db.ExecuteAsync(sql.ToString());
            }

            public Task MixedHelperAsync(string table) => Run("DELETE FROM " + table);

            public Task ByRefAsync()
            {
                var sql = "DELETE FROM t_by_ref";
                Change(ref sql);
                return db.ExecuteAsync(sql);
            }

            private static void Change(ref string sql) => sql = "";
        }
        """).GetProperty("writers"));

    [Theory]
    [InlineData("LocalAsync", "t_local")]
    [InlineData("ReassignedAsync", "t_first,t_second")]
    [InlineData("ReplacedAsync", "t_kept")]
    [InlineData("SelfAsync", "t_self")]
    [InlineData("BranchesAsync", "t_else,t_if")]
    [InlineData("SwitchAsync", "t_arm_a,t_arm_b")]
    [InlineData("ChoiceAsync", "t_when_false,t_when_true")]
    [InlineData("AppendedAsync", "t_appended,t_maybe")]
    [InlineData("InterpolatedAsync", "t_const_interpolated")]
    [InlineData("FormatAsync", "t_const_format")]
    [InlineData("ConcatAsync", "t_const_concat")]
    [InlineData("BuilderAsync", "t_const_builder")]
    [InlineData("FieldAsync", "t_readonly_field")]
    [InlineData("PropertyAsync", "t_const_property")]
    [InlineData("HelperAsync", "t_helper_arg")]
    public void Constant_text_is_followed_to_the_tables_it_writes(string method, string writes)
    {
        var writer = Writer(method);
        Assert.Equal(writes, string.Join(",", writer.GetProperty("writes").EnumerateArray().Select(t => t.GetString())));
        Assert.Equal(JsonValueKind.Null, writer.GetProperty("unknown").ValueKind);
    }

    [Theory]
    [InlineData("MixedAsync")]
    [InlineData("MixedBuilderAsync")]
    [InlineData("MixedHelperAsync")]
    [InlineData("ByRefAsync")]
    public void Text_mixed_with_a_run_time_value_is_unknown_never_nothing(string method)
        => Assert.Contains("not a constant string", Writer(method).GetProperty("unknown").GetString(), StringComparison.Ordinal);

    private static JsonElement Writer(string method)
        => Assert.Single(Writers.Value.EnumerateArray(), w => w.GetProperty("method").GetString() == "Flow.FlowRepository." + method);
}
