using CachingGen.Generator.Sql;

namespace CachingGen.Generator.Tests.Coverage;

/// <summary>The WHERE bindings of a text: which columns every row a single-table SELECT returns has equal to a parameter.</summary>
public sealed class SqlWhereBindingsTests
{
    [Theory]
    [InlineData("SELECT amount FROM balances WHERE user_id = @userId", "balances.user_id=userId")]
    [InlineData("SELECT b.amount FROM public.balances AS b WHERE b.user_id = @userId AND b.deleted = false", "balances.user_id=userId")]
    [InlineData("SELECT amount FROM balances b WHERE @userId = b.user_id", "balances.user_id=userId")]
    [InlineData("SELECT amount FROM balances WHERE balances.user_id = :userId AND (token = @token) AND amount > 0 ORDER BY id LIMIT 10", "balances.token=token,balances.user_id=userId")]
    [InlineData("SELECT amount FROM balances WHERE at BETWEEN @from AND @to AND user_id = @userId", "balances.user_id=userId")]
    [InlineData("SELECT `amount` FROM `balances` WHERE `UserId` = @userId", "balances.UserId=userId")]
    [InlineData("SELECT [Amount] FROM [dbo].[Balances] WHERE [UserId] = @userId", "balances.UserId=userId")]
    [InlineData("SELECT amount FROM balances WHERE user_id = @userId; SELECT amount FROM balances WHERE user_id = @userId AND token = @token", "balances.user_id=userId")]
    [InlineData("SELECT amount FROM balances WHERE user_id = @userId OR user_id = @other", "")]
    [InlineData("SELECT amount FROM balances WHERE NOT (user_id = @userId)", "")]
    [InlineData("SELECT b.amount FROM balances b JOIN users u ON u.id = b.user_id WHERE b.user_id = @userId", "")]
    [InlineData("SELECT amount FROM balances, users WHERE user_id = @userId", "")]
    [InlineData("SELECT amount FROM balances WHERE user_id = @userId AND token IN (SELECT id FROM tokens)", "")]
    [InlineData("SELECT amount FROM balances WHERE user_id = @userId UNION SELECT amount FROM archive WHERE user_id = @userId", "")]
    [InlineData("WITH b AS (SELECT * FROM balances) SELECT amount FROM b WHERE user_id = @userId", "")]
    [InlineData("SELECT amount FROM balances WHERE user_id = $1", "")]
    [InlineData("SELECT amount FROM balances WHERE user_id = ?", "")]
    [InlineData("SELECT amount FROM balances WHERE user_id::text = @userId", "")]
    [InlineData("SELECT amount FROM balances WHERE user_id = @userId::int", "")]
    [InlineData("SELECT amount FROM balances WHERE lower(email) = @email", "")]
    [InlineData("SELECT amount FROM other.balances o WHERE x.user_id = @userId", "")]
    [InlineData("SELECT amount FROM balances WHERE user_id = @userId; UPDATE balances SET seen = true", "")]
    [InlineData("SELECT amount FROM balances", "")]
    public void Binds_only_the_equalities_every_returned_row_satisfies(string sql, string expected)
    {
        var bindings = SqlTables.Analyze(sql, SqlDialect.Unknown, bindings: true).Bindings;
        Assert.Equal(expected, string.Join(",", bindings.Select(b => $"{b.Table}.{b.Column}={b.Parameter}")));
    }

    [Fact]
    public void A_double_quoted_column_keeps_its_case_and_the_table_is_named_as_reads_names_it()
    {
        var tables = SqlTables.Analyze("SELECT \"Amount\" FROM \"Balances\" WHERE \"UserId\" = @userId", SqlDialect.PostgreSql, bindings: true);
        Assert.Equal("Balances.UserId=userId", string.Join(",", tables.Bindings.Select(b => $"{b.Table}.{b.Column}={b.Parameter}")));
        Assert.Equal(["Balances"], tables.Reads);
    }

    [Fact]
    public void Without_asking_nothing_binds()
        => Assert.Empty(SqlTables.Analyze("SELECT amount FROM balances WHERE user_id = @userId").Bindings);

    [Fact]
    public void Two_texts_of_one_table_keep_only_the_bindings_both_make()
    {
        var a = SqlTables.Analyze("SELECT amount FROM balances WHERE user_id = @userId AND token = @token", bindings: true);
        var b = SqlTables.Analyze("SELECT amount FROM balances WHERE user_id = @userId", bindings: true);
        var c = SqlTables.Analyze("SELECT name FROM users WHERE id = @userId", bindings: true);
        Assert.Equal("balances.user_id=userId,users.id=userId", string.Join(",", SqlTableSet.Union(SqlTableSet.Union(a, b), c)!.Bindings.Select(x => $"{x.Table}.{x.Column}={x.Parameter}")));
        Assert.Empty(SqlTableSet.Union(a, SqlTables.Analyze("SELECT amount FROM balances", bindings: true))!.Bindings);
    }
}
