using CachingGen.Generator.Sql;

namespace CachingGen.Generator.Tests.Coverage;

/// <summary>The tokenizer on SQL Server, MySQL and SQLite: names, upserts, generated keys, and the columns a statement uses.</summary>
public sealed class SqlDialectTests
{
    [Theory]
    [InlineData("SqlServer", "SELECT [Id], [Name] FROM [dbo].[Customers] WHERE [Id] = @id", "customers", "", "")]
    [InlineData("SqlServer", "update g set Amount = 1 from dbo.Goods as g where g.ID = @id", "goods", "goods", "")]
    [InlineData("SqlServer", "DELETE Customers WHERE Id = @id", "", "customers", "")]
    [InlineData("SqlServer", "DELETE TOP (100) FROM dbo.Audit WHERE At < @before", "", "audit", "")]
    [InlineData("SqlServer", "MERGE [Inventory].[Stock] AS t USING (SELECT @sku AS Sku) AS s ON t.Sku = s.Sku WHEN MATCHED THEN UPDATE SET t.Qty = 1 WHEN NOT MATCHED THEN INSERT (Sku, Qty) VALUES (s.Sku, 1);", "", "stock", "")]
    [InlineData("SqlServer", "INSERT Wallets (Holder) OUTPUT INSERTED.Id VALUES (@holder)", "", "", "wallets")]
    [InlineData("MySql", "SELECT `quantity` FROM `shop`.`Cart_Items` WHERE `user_id` = @u", "cart_items", "", "")]
    [InlineData("MySql", "INSERT INTO cart_items (user_id, qty) VALUES (@u, @q) ON DUPLICATE KEY UPDATE qty = qty + VALUES(qty)", "", "cart_items", "")]
    [InlineData("MySql", "REPLACE INTO device (uuid, name) VALUES (@u, @n)", "", "device", "")]
    [InlineData("MySql", "INSERT IGNORE INTO subscribers (email) VALUES (@e)", "", "", "subscribers")]
    [InlineData("MySql", "SELECT REPLACE(name, 'a', 'b') FROM tags", "tags", "", "")]
    [InlineData("Sqlite", "INSERT OR REPLACE INTO Notes (Id, Title) VALUES (@id, @t)", "", "notes", "")]
    [InlineData("Sqlite", "INSERT OR IGNORE INTO Notes (Id, Title) VALUES (@id, @t)", "", "", "notes")]
    [InlineData("Sqlite", "INSERT INTO prefs (key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value", "", "prefs", "")]
    [InlineData("Sqlite", "INSERT INTO prefs (key, value) VALUES ($k, $v) ON CONFLICT DO NOTHING", "", "", "prefs")]
    [InlineData("PostgreSql", "SELECT a.x FROM orders a, customers c WHERE c.id = a.customer_id", "customers,orders", "", "")]
    public void Each_dialect_s_statements_name_their_tables(string dialect, string sql, string reads, string writes, string inserts)
    {
        var tables = SqlTables.Analyze(sql, System.Enum.Parse<SqlDialect>(dialect));
        Assert.Equal(reads, string.Join(",", tables.Reads));
        Assert.Equal(writes, string.Join(",", tables.Writes));
        Assert.Equal(inserts, string.Join(",", tables.Inserts));
        Assert.Null(tables.Unknown);
    }

    [Theory]
    [InlineData("PostgreSql", "SELECT * FROM \"Orders\"", "Orders")]
    [InlineData("SqlServer", "SELECT * FROM \"Orders\"", "orders")]
    [InlineData("Unknown", "SELECT * FROM \"Orders\"", "orders")]
    [InlineData("Sqlite", "SELECT * FROM [Orders]", "orders")]
    [InlineData("PostgreSql", "SELECT * FROM Orders", "orders")]
    public void Only_PostgreSQL_keeps_the_case_of_a_quoted_name_and_an_unknown_dialect_folds_it(string dialect, string sql, string table)
        => Assert.Equal([table], SqlTables.Analyze(sql, System.Enum.Parse<SqlDialect>(dialect)).Reads);

    [Theory]
    [InlineData("INSERT INTO users (name) VALUES (@n) RETURNING id")]
    [InlineData("INSERT INTO users (name) OUTPUT inserted.Id VALUES (@n)")]
    [InlineData("INSERT INTO users (name) VALUES (@n); SELECT CAST(SCOPE_IDENTITY() AS int)")]
    [InlineData("INSERT INTO users (name) VALUES (@n); SELECT @@IDENTITY")]
    [InlineData("INSERT INTO users (name) VALUES (@n); SELECT LAST_INSERT_ID();")]
    [InlineData("INSERT INTO users (name) VALUES (@n); SELECT last_insert_rowid();")]
    public void An_insert_whose_key_the_database_makes_is_marked(string sql)
    {
        var tables = SqlTables.Analyze(sql);
        Assert.Equal(["users"], tables.GeneratedKeys);
        Assert.Equal(["users.name"], tables.InsertColumns);
    }

    [Fact]
    public void An_update_lists_the_columns_it_sets_and_a_read_the_columns_it_uses()
    {
        var write = SqlTables.Analyze("UPDATE products SET views = views + 1, p.last_seen = now() WHERE id = @id");
        Assert.Equal(["products.last_seen", "products.views"], write.Changed);
        Assert.Empty(write.WholeRows);

        var read = SqlTables.Analyze("SELECT name FROM products WHERE id = @id ORDER BY created");
        Assert.Equal(new[] { "created", "from", "id", "name", "order", "by", "products", "select", "where" }.Order(System.StringComparer.Ordinal), read.ReadColumns.Order(System.StringComparer.Ordinal));
        Assert.False(read.ReadsEveryColumn);
    }

    [Theory]
    [InlineData("SELECT * FROM products", true)]
    [InlineData("SELECT p.* FROM products p", true)]
    [InlineData("SELECT id, * FROM products", true)]
    [InlineData("SELECT row_to_json(p) FROM products p WHERE p.id = @id", true)]
    [InlineData("SELECT json_agg(products) FROM products", true)]
    [InlineData("SELECT COUNT(*) FROM products WHERE hidden = 0", false)]
    [InlineData("SELECT COUNT(id) FROM products WHERE hidden = 0", false)]
    [InlineData("SELECT price * qty FROM products", false)]
    public void A_star_or_a_whole_row_reads_every_column_but_a_count_of_rows_does_not(string sql, bool every)
        => Assert.Equal(every, SqlTables.Analyze(sql).ReadsEveryColumn);

    [Fact]
    public void A_delete_or_an_upsert_changes_whole_rows()
    {
        Assert.Equal(["orders"], SqlTables.Analyze("DELETE FROM orders WHERE id = @id").WholeRows);
        Assert.Equal(["settings"], SqlTables.Analyze("INSERT INTO settings (k, v) VALUES (@k, @v) ON CONFLICT (k) DO UPDATE SET v = excluded.v").WholeRows);
    }
}
