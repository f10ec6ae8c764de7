namespace CachingGen.Generator.Tests.Coverage;

/// <summary>
/// Repository classes written in the styles of real open-source .NET projects (catalog, customers, blog, orders,
/// inventory, sessions, users, ledgers…), each with the (writer → read) pairs a careful reviewer marks as stale-read bugs
/// (<c>// bug: Writer→Read</c>). The analyzer's findings are compared with those marks for precision and recall.
/// </summary>
internal static class CoverageCorpus
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using CachingGen;
        using Dapper;
        using Npgsql;

        """;

    public static readonly (string Name, string Source)[] Repositories =
    [
        ("catalog: multi-line verbatim SQL, const fields", Usings + """"
            namespace Catalog;
            public sealed record Item(int Id, string Name, decimal Price);
            public sealed class CatalogRepository(NpgsqlConnection db)
            {
                private const string SelectItem = @"
                    SELECT ci.id, ci.name, ci.price
                    FROM catalog.catalog_items AS ci
                    WHERE ci.id = @id";

                [Cached("10m", "catalog:item:<id>")]
                public Task<Item?> GetItemAsync(int id) => db.QuerySingleOrDefaultAsync<Item?>(SelectItem, new { id });

                [Cached("10m", "catalog:brand:<brandId>")]
                public Task<decimal> ByBrandAsync(int brandId) => db.ExecuteScalarAsync<decimal>(@"
                    SELECT MIN(ci.price) FROM catalog.catalog_items ci
                    INNER JOIN catalog.brands b ON b.id = ci.brand_id WHERE b.id = @brandId", new { brandId });

                // bug: UpdatePriceAsync→ByBrandAsync
                [Invalidates("catalog:item:<id>")]
                public Task UpdatePriceAsync(int id, decimal price) => db.ExecuteAsync(@"
                    UPDATE catalog.catalog_items
                    SET price = @price
                    WHERE id = @id", new { id, price });
            }
            """"),
        ("customers: nameof table names in interpolated strings", Usings + """"
            namespace Customers;
            public sealed record Customer(int Id, string Email);
            public sealed class CustomerRepository(NpgsqlConnection db)
            {
                [Cached("5m", "customer:<id>")]
                public Task<Customer?> GetAsync(int id) => db.QuerySingleOrDefaultAsync<Customer?>($"SELECT * FROM {nameof(Customer)} WHERE id = @id", new { id });

                [Invalidates("customer:<customer.Id>")]
                public Task SaveAsync(Customer customer) => db.ExecuteAsync($"UPDATE {nameof(Customer)} SET email = @Email WHERE id = @Id", customer);

                // bug: ForgetAsync→GetAsync
                public Task ForgetAsync(int id) => db.ExecuteAsync($"DELETE FROM {nameof(Customer)} WHERE id = @id", new { id });
            }
            """"),
        ("settings: upsert with ON CONFLICT", Usings + """"
            namespace Settings;
            public sealed class SettingsRepository(NpgsqlConnection db)
            {
                [Cached("1h", "setting:<tenant>:<name>")]
                public Task<string?> GetAsync(string tenant, string name) => db.QuerySingleOrDefaultAsync<string?>("SELECT value FROM settings WHERE tenant = @tenant AND name = @name", new { tenant, name });

                // bug: SetAsync→GetAsync
                public Task SetAsync(string tenant, string name, string value) => db.ExecuteAsync("""
                    INSERT INTO settings (tenant, name, value) VALUES (@tenant, @name, @value)
                    ON CONFLICT (tenant, name) DO UPDATE SET value = EXCLUDED.value
                    """, new { tenant, name, value });
            }
            """"),
        ("accounts: several statements per command", Usings + """"
            namespace Accounts;
            public sealed class AccountRepository(NpgsqlConnection db)
            {
                [Cached("1m", "account:<id>:balance")]
                public Task<decimal> BalanceAsync(long id) => db.ExecuteScalarAsync<decimal>("SELECT balance FROM accounts WHERE id = @id", new { id });

                [Cached("1m", "account:<id>:history")]
                public Task<int> HistoryAsync(long id) => db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM account_entries WHERE account_id = @id", new { id });

                // bug: DepositAsync→HistoryAsync
                [Invalidates("account:<id>:balance")]
                public Task DepositAsync(long id, decimal amount) => db.ExecuteAsync(
                    "UPDATE accounts SET balance = balance + @amount WHERE id = @id; INSERT INTO account_entries (account_id, amount) VALUES (@id, @amount);",
                    new { id, amount });
            }
            """"),
        ("orders: a join onto order lines", Usings + """"
            namespace Orders;
            public sealed class OrderRepository(NpgsqlConnection db)
            {
                [Cached("5m", "order:<id>:total")]
                public Task<decimal> TotalAsync(long id) => db.ExecuteScalarAsync<decimal>(
                    "SELECT SUM(l.quantity * l.price) FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.id = @id", new { id });

                [Invalidates("order:<id>:total")]
                public Task CancelAsync(long id) => db.ExecuteAsync("UPDATE orders SET status = 'cancelled' WHERE id = @id", new { id });

                // bug: AddLineAsync→TotalAsync
                public Task AddLineAsync(long orderId, string sku, int quantity) => db.ExecuteAsync(
                    "INSERT INTO order_lines (order_id, sku, quantity) VALUES (@orderId, @sku, @quantity)", new { orderId, sku, quantity });
            }
            """"),
        ("blog: comment counts, inserts that name the post", Usings + """"
            namespace Blog;
            public sealed class PostRepository(NpgsqlConnection db)
            {
                [Cached("2m", "post:<postId>:comments")]
                public Task<int> CommentCountAsync(long postId) => db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM comments WHERE post_id = @postId", new { postId });

                // bug: AddCommentAsync→CommentCountAsync
                public Task AddCommentAsync(long postId, string text) => db.ExecuteAsync("INSERT INTO comments (post_id, text) VALUES (@postId, @text)", new { postId, text });

                [Invalidates("post:<postId>:comments")]
                public Task RemoveCommentAsync(long postId, long commentId) => db.ExecuteAsync("DELETE FROM comments WHERE id = @commentId", new { commentId });
            }
            """"),
        ("inventory: MERGE from deliveries", Usings + """"
            namespace Inventory;
            public sealed class StockRepository(NpgsqlConnection db)
            {
                [Cached("30s", "stock:<sku>")]
                public Task<int> OnHandAsync(string sku) => db.ExecuteScalarAsync<int>("SELECT qty FROM stock WHERE sku = @sku", new { sku });

                [Invalidates("stock:*")]
                public Task ReceiveAsync(long deliveryId) => db.ExecuteAsync(@"
                    MERGE INTO stock s USING deliveries d ON d.sku = s.sku AND d.id = @deliveryId
                    WHEN MATCHED THEN UPDATE SET qty = s.qty + d.qty
                    WHEN NOT MATCHED THEN INSERT (sku, qty) VALUES (d.sku, d.qty)", new { deliveryId });

                // bug: ResetAsync→OnHandAsync
                public Task ResetAsync() => db.ExecuteAsync("TRUNCATE TABLE stock");
            }
            """"),
        ("users: static readonly SQL, raw strings, complete invalidations", Usings + """"
            namespace Users;
            public sealed record User(long Id, string Name);
            public sealed class UserRepository(NpgsqlConnection db)
            {
                private static readonly string ById = "SELECT id, name FROM users WHERE id = @id";

                [Cached("5m", "user:<id>")]
                public Task<User?> GetAsync(long id) => db.QuerySingleOrDefaultAsync<User?>(ById, new { id });

                [Cached("5m", "user:<id>:roles")]
                public Task<int> RolesAsync(long id) => db.ExecuteScalarAsync<int>("""
                    SELECT COUNT(r.name) FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = @id
                    """, new { id });

                [Invalidates("user:<user.Id>")]
                public Task RenameAsync(User user) => db.ExecuteAsync("UPDATE users SET name = @Name WHERE id = @Id", user);

                [Invalidates("user:<userId>:roles")]
                public Task GrantAsync(long userId, long roleId) => db.ExecuteAsync("INSERT INTO user_roles (user_id, role_id) VALUES (@userId, @roleId)", new { userId, roleId });

                [Invalidates("user:<id>")]
                [Invalidates("user:<id>:roles")]
                public Task DeleteAsync(long id) => db.ExecuteAsync("DELETE FROM user_roles WHERE user_id = @id; DELETE FROM users WHERE id = @id", new { id });

                // Creates a user: the new id was never read, and no list of users is cached.
                public Task<long> CreateAsync(string name) => db.ExecuteScalarAsync<long>("INSERT INTO users (name) VALUES (@name) RETURNING id", new { name });
            }
            """"),
        ("ledger: a stored procedure, and SQL built at run time", Usings + """"
            namespace Ledger;
            public sealed class LedgerRepository(NpgsqlConnection db)
            {
                [Cached("1m", "ledger:<accountId>:balance")]
                public Task<decimal> BalanceAsync(long accountId) => db.ExecuteScalarAsync<decimal>("SELECT SUM(amount) FROM ledger_entries WHERE account_id = @accountId", new { accountId });

                [WritesTable("ledger_entries")]
                [Invalidates("ledger:<accountId>:balance")]
                public Task PostAsync(long accountId, decimal amount) => db.ExecuteAsync("CALL post_entry(@accountId, @amount)", new { accountId, amount });

                // bug: CorrectAsync→BalanceAsync (its SQL is built at run time: the analysis cannot read it)
                public Task CorrectAsync(string table, long accountId) => db.ExecuteAsync("UPDATE " + table + " SET amount = 0 WHERE account_id = @accountId", new { accountId });
            }
            """"),
        ("products: a write to a column the read does not return", Usings + """"
            namespace Products;
            public sealed class ProductRepository(NpgsqlConnection db)
            {
                [Cached("10m", "product:<id>:name")]
                public Task<string?> NameAsync(long id) => db.QuerySingleOrDefaultAsync<string?>("SELECT name FROM products WHERE id = @id", new { id });

                // Not a bug: the read returns the name, and this changes only the view count (a table-level analysis cannot tell).
                public Task CountViewAsync(long id) => db.ExecuteAsync("UPDATE products SET views = views + 1 WHERE id = @id", new { id });

                [Invalidates("product:<id>:name")]
                public Task RenameAsync(long id, string name) => db.ExecuteAsync("UPDATE products SET name = @name WHERE id = @id", new { id, name });
            }
            """"),
        ("sessions: a prefix invalidation and a cleanup job", Usings + """"
            namespace Sessions;
            public sealed class SessionRepository(NpgsqlConnection db)
            {
                [Cached("20m", "session:<token>")]
                public Task<long?> UserOfAsync(string token) => db.QuerySingleOrDefaultAsync<long?>("SELECT user_id FROM sessions WHERE token = @token AND expires > now()", new { token });

                [Invalidates("session:*")]
                public Task SignOutEverywhereAsync(long userId) => db.ExecuteAsync("DELETE FROM sessions WHERE user_id = @userId", new { userId });

                [Invalidates("session:<token>")]
                public Task SignOutAsync(string token) => db.ExecuteAsync("DELETE FROM sessions WHERE token = @token", new { token });
            }
            """"),
    ];
}
