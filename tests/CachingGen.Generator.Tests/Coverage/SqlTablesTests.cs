using CachingGen.Generator.Sql;

namespace CachingGen.Generator.Tests.Coverage;

/// <summary>The SQL tokenizer: which tables a statement reads, changes and adds rows to.</summary>
public sealed class SqlTablesTests
{
    [Theory]
    [InlineData("SELECT id, amount FROM balances WHERE user_id = @userId", "balances", "", "")]
    [InlineData("select b.* from public.Balances b join \"Tokens\" t on t.id = b.token_id", "Tokens,balances", "", "")]
    [InlineData("SELECT * FROM balances -- FROM comments\n/* JOIN hidden */ WHERE note = 'FROM strings'", "balances", "", "")]
    [InlineData("SELECT COALESCE(SUM(usd_value), 0) FROM balances WHERE user_id IN (SELECT id FROM users WHERE active)", "balances,users", "", "")]
    [InlineData("WITH recent AS (SELECT * FROM orders WHERE at > now()) SELECT * FROM recent JOIN customers c ON c.id = recent.customer_id", "customers,orders", "", "")]
    [InlineData("UPDATE balances SET amount = amount + @amount WHERE id = @id", "", "balances", "")]
    [InlineData("UPDATE ONLY balances b SET amount = 0 FROM tokens t WHERE t.id = b.token_id", "tokens", "balances", "")]
    [InlineData("DELETE FROM sales.orders WHERE id = @id", "", "orders", "")]
    [InlineData("DELETE FROM orders o USING customers c WHERE c.id = o.customer_id", "customers", "orders", "")]
    [InlineData("INSERT INTO balances (user_id, amount) VALUES (@u, @a) RETURNING id", "", "", "balances")]
    [InlineData("INSERT INTO balances (user_id, amount) VALUES (@u, @a) ON CONFLICT (user_id) DO UPDATE SET amount = excluded.amount", "", "balances", "")]
    [InlineData("INSERT INTO audit (what) SELECT name FROM events", "events", "", "audit")]
    [InlineData("MERGE INTO stock s USING deliveries d ON d.sku = s.sku WHEN MATCHED THEN UPDATE SET qty = s.qty + d.qty", "deliveries", "stock", "")]
    [InlineData("TRUNCATE TABLE sessions, tokens RESTART IDENTITY", "", "sessions,tokens", "")]
    [InlineData("COPY balances (user_id, amount) FROM STDIN (FORMAT BINARY)", "", "balances", "")]
    [InlineData("COPY balances TO STDOUT", "balances", "", "")]
    [InlineData("COPY balances FROM STDIN", "", "balances", "")]
    [InlineData("WITH moved AS (DELETE FROM inbox WHERE id = @id RETURNING *) INSERT INTO archive SELECT * FROM moved", "", "inbox", "archive")]
    [InlineData("UPDATE a SET x = 1; DELETE FROM b WHERE y = $1; SELECT * FROM c", "c", "a,b", "")]
    [InlineData("SELECT * FROM generate_series(1, 10) g JOIN items i ON i.n = g", "items", "", "")]
    [InlineData("DO $$ BEGIN DELETE FROM x; END $$", "", "", "")]
    public void Finds_the_tables_a_statement_reads_changes_and_inserts_into(string sql, string reads, string writes, string inserts)
    {
        var tables = SqlTables.Analyze(sql, SqlDialect.PostgreSql);
        Assert.Equal(reads, string.Join(",", tables.Reads));
        Assert.Equal(writes, string.Join(",", tables.Writes));
        Assert.Equal(inserts, string.Join(",", tables.Inserts));
    }

    [Theory]
    [InlineData("CALL transfer(@from, @to, @amount)")]
    [InlineData("EXEC dbo.Transfer @from, @to")]
    [InlineData("DO $$ BEGIN DELETE FROM x; END $$")]
    public void A_procedure_or_a_block_is_unknown_never_nothing(string sql)
        => Assert.NotNull(SqlTables.Analyze(sql).Unknown);

    [Fact]
    public void Plain_SQL_is_known()
        => Assert.Null(SqlTables.Analyze("UPDATE balances SET amount = 1").Unknown);
}
