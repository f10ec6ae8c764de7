namespace CachingGen.Generator.Tests.Coverage.Corpus;

/// <summary>
/// SQL Server repositories in the styles of public Dapper and ADO.NET code (bracketed and <c>dbo.</c> names, SQL in
/// locals, <c>SCOPE_IDENTITY</c>, <c>OUTPUT inserted.</c>, <c>MERGE</c>, <c>SqlCommand</c> readers). Written here, not copied.
/// </summary>
internal static class SqlServerCorpus
{
    private const string Usings = CorpusSources.Usings + "using Microsoft.Data.SqlClient;\n";

    public static readonly (string Name, string Source)[] Repositories =
    [
        ("mssql wallets: locals, SCOPE_IDENTITY, brackets", Usings + """"
            namespace Wallets;
            public sealed class Wallet { public int Id { get; set; } public string Holder { get; set; } = ""; public decimal Balance { get; set; } }
            public sealed class WalletRepository(string connectionString)
            {
                [Cached("5m", "wallet:<id>")]
                public async Task<Wallet?> GetAsync(int id)
                {
                    using var db = new SqlConnection(connectionString);
                    var sql = "SELECT Id, Holder, Balance FROM [dbo].[Wallets] WHERE Id = @id";
                    return await db.QuerySingleOrDefaultAsync<Wallet?>(sql, new { id });
                }

                // The database makes the id: nothing can have cached wallet:<new id>.
                public async Task<int> CreateAsync(Wallet wallet)
                {
                    using var db = new SqlConnection(connectionString);
                    var sql = @"INSERT INTO Wallets (Holder, Balance) VALUES (@Holder, @Balance);
                                SELECT CAST(SCOPE_IDENTITY() AS int)";
                    return await db.QuerySingleAsync<int>(sql, wallet);
                }

                // bug: DepositAsync→GetAsync
                public async Task DepositAsync(int id, decimal amount)
                {
                    using var db = new SqlConnection(connectionString);
                    string sql = "update wallets set Balance = Balance + @amount where Id = @id";
                    await db.ExecuteAsync(sql, new { id, amount });
                }

                [Invalidates("wallet:<id>")]
                public async Task CloseAsync(int id)
                {
                    using var db = new SqlConnection(connectionString);
                    await db.ExecuteAsync("DELETE FROM [Wallets] WHERE [Id] = @id", new { id });
                }
            }
            """"),
        ("mssql repair shop: const SQL per operation, partial class", Usings + """"
            namespace RepairShop;
            public sealed class Customer { public int CustomerId { get; set; } public string Name { get; set; } = ""; public string Phone { get; set; } = ""; }
            public sealed partial class CustomerRepository(SqlConnection db)
            {
                public const string SelectByIdSql = @"SELECT [CustomerId], [Name], [Phone] FROM [dbo].[Customer] WHERE [CustomerId] = @id";
                public const string UpdateSql = @"UPDATE [dbo].[Customer]
                                                   SET [Name] = @Name,
                                                       [Phone] = @Phone
                                                 WHERE [CustomerId] = @CustomerId";
                public const string DeleteSql = "DELETE FROM [dbo].[Customer] WHERE [CustomerId] = @id";

                [Cached("10m", "customer:<id>")]
                public Task<Customer?> GetByIdAsync(int id) => db.QueryFirstOrDefaultAsync<Customer?>(SelectByIdSql, new { id });

                [Invalidates("customer:<customer.CustomerId>")]
                public Task UpdateAsync(Customer customer) => db.ExecuteAsync(UpdateSql, customer);

                // bug: DeleteAsync→GetByIdAsync
                public Task DeleteAsync(int id) => db.ExecuteAsync(DeleteSql, new { id });
            }
            """"),
        ("mssql goods: UPDATE alias FROM dbo table, a column the read does not return", Usings + """"
            namespace Goods;
            public sealed record Product(int ID, string Name, int Amount);
            public sealed class GoodsRepository(SqlConnection db)
            {
                [Cached("1m", "goods:<id>:stock")]
                public Task<int> StockAsync(int id) => db.ExecuteScalarAsync<int>("SELECT Amount FROM dbo.Goods WHERE ID = @id", new { id });

                // Not a bug: the read returns Amount only.
                public Task RenameAsync(int id, string name) => db.ExecuteAsync("update g set Name = @name from dbo.Goods as g where g.ID = @id", new { id, name });

                // bug: SetAmountAsync→StockAsync
                public Task SetAmountAsync(int id, int amount) => db.ExecuteAsync("update g set Amount = @amount from dbo.Goods as g where g.ID = @id", new { id, amount });
            }
            """"),
        ("mssql inventory: MERGE without INTO, OUTPUT inserted", Usings + """"
            namespace Inventory;
            public sealed class StockRepository(SqlConnection db)
            {
                [Cached("30s", "stock:<sku>")]
                public Task<int> OnHandAsync(string sku) => db.ExecuteScalarAsync<int>("SELECT Quantity FROM [Inventory].[Stock] WHERE Sku = @sku", new { sku });

                // bug: ReceiveAsync→OnHandAsync
                public Task ReceiveAsync(string sku, int quantity) => db.ExecuteAsync(@"
                    MERGE [Inventory].[Stock] AS target
                    USING (SELECT @sku AS Sku, @quantity AS Quantity) AS source ON target.Sku = source.Sku
                    WHEN MATCHED THEN UPDATE SET target.Quantity = target.Quantity + source.Quantity
                    WHEN NOT MATCHED THEN INSERT (Sku, Quantity) VALUES (source.Sku, source.Quantity);", new { sku, quantity });

                [Invalidates("stock:<sku>")]
                public Task<int> AdjustAsync(string sku, int delta) => db.QuerySingleAsync<int>(
                    "UPDATE Stock SET Quantity = Quantity + @delta OUTPUT inserted.Quantity WHERE Sku = @sku", new { sku, delta });
            }
            """"),
        ("mssql orders: ADO.NET SqlCommand, reassigned query, OUTPUT INSERTED.Id", Usings + """"
            namespace Orders;
            public sealed class OrderRepository(string connectionString)
            {
                [Cached("5m", "customer:<customerId>:orders")]
                public async Task<int> CountForCustomerAsync(int customerId)
                {
                    using var connection = new SqlConnection(connectionString);
                    using var command = new SqlCommand("SELECT COUNT(*) FROM Orders WHERE CustomerId = @customerId", connection);
                    return (int)(await command.ExecuteScalarAsync())!;
                }

                [Cached("5m", "order:<id>")]
                public async Task<string?> StatusAsync(int id)
                {
                    using var connection = new SqlConnection(connectionString);
                    using var command = new SqlCommand("SELECT Status FROM Orders WHERE Id = @id", connection);
                    return (string?)await command.ExecuteScalarAsync();
                }

                // bug: PlaceAsync→CountForCustomerAsync (the new order is one more for its customer)
                public async Task<int> PlaceAsync(int customerId, decimal total)
                {
                    using var connection = new SqlConnection(connectionString);
                    var query = "INSERT INTO Orders (CustomerId, Total, Status) OUTPUT INSERTED.Id VALUES (@customerId, @total, 'new')";
                    using var command = new SqlCommand(query, connection);
                    return (int)(await command.ExecuteScalarAsync())!;
                }

                // bug: ShipAsync→StatusAsync
                public async Task ShipAsync(int id)
                {
                    using var connection = new SqlConnection(connectionString);
                    var query = "SELECT Status FROM Orders WHERE Id = @id";
                    using (var check = new SqlCommand(query, connection)) { await check.ExecuteScalarAsync(); }
                    query = "UPDATE Orders SET Status = 'shipped', ShippedAt = SYSUTCDATETIME() WHERE Id = @id";
                    using var command = new SqlCommand(query, connection);
                    await command.ExecuteNonQueryAsync();
                }
            }
            """"),
        ("mssql employees: StringBuilder of constants, a stored procedure", Usings + """"
            namespace Staff;
            public sealed record Employee(int Id, string FirstName, string LastName, int DepartmentId);
            public sealed class EmployeeRepository(IDbConnection db)
            {
                [Cached("15m", "department:<departmentId>:employees")]
                public async Task<IReadOnlyList<Employee>> InDepartmentAsync(int departmentId)
                {
                    var sql = new StringBuilder();
                    sql.Append("SELECT e.Id, e.FirstName, e.LastName, e.DepartmentId ");
                    sql.Append("FROM dbo.Employees e ");
                    sql.AppendLine("WHERE e.DepartmentId = @departmentId ORDER BY e.LastName");
                    return (await db.QueryAsync<Employee>(sql.ToString(), new { departmentId })).ToList();
                }

                // bug: MoveAsync→InDepartmentAsync
                public Task MoveAsync(int id, int departmentId)
                {
                    var sql = new StringBuilder("UPDATE dbo.Employees ");
                    sql.Append("SET DepartmentId = @departmentId ");
                    sql.Append("WHERE Id = @id");
                    return db.ExecuteAsync(sql.ToString(), new { id, departmentId });
                }

                [WritesTable("Employees")]
                [Invalidates("department:*")]
                public Task ReorganiseAsync() => db.ExecuteAsync("EXEC dbo.ReorganiseDepartments");
            }
            """"),
        ("mssql tickets: if/else SQL choice, soft delete", Usings + """"
            namespace Helpdesk;
            public sealed record Ticket(int Id, string Title, bool IsClosed);
            public sealed class TicketRepository(SqlConnection db)
            {
                [Cached("2m", "tickets:open")]
                public async Task<IReadOnlyList<Ticket>> OpenAsync()
                    => (await db.QueryAsync<Ticket>("SELECT Id, Title, IsClosed FROM Tickets WHERE IsClosed = 0 AND IsDeleted = 0")).ToList();

                [Invalidates("tickets:open")]
                public Task CloseAsync(int id, bool hard)
                {
                    string sql;
                    if (hard)
                    {
                        sql = "DELETE FROM Tickets WHERE Id = @id";
                    }
                    else
                    {
                        sql = "UPDATE Tickets SET IsClosed = 1 WHERE Id = @id";
                    }

                    return db.ExecuteAsync(sql, new { id });
                }

                // bug: ArchiveAsync→OpenAsync
                public Task ArchiveAsync(int id, bool permanently)
                    => db.ExecuteAsync(permanently ? "DELETE FROM Tickets WHERE Id = @id" : "UPDATE Tickets SET IsDeleted = 1 WHERE Id = @id", new { id });

                // Not a bug: the open list does not return the assignee.
                public Task AssignAsync(int id, int agentId) => db.ExecuteAsync("UPDATE Tickets SET AssigneeId = @agentId WHERE Id = @id", new { id, agentId });
            }
            """"),
        ("mssql invoices: a private helper that receives the SQL", Usings + """"
            namespace Billing;
            public sealed record Invoice(int InvoiceId, decimal Amount, DateTime? PaidAt);
            public sealed class InvoiceRepository(SqlConnection db)
            {
                [Cached("10m", "invoice:<invoiceId>")]
                public Task<Invoice?> GetAsync(int invoiceId) => QueryOne("SELECT InvoiceId, Amount, PaidAt FROM Invoices WHERE InvoiceId = @InvoiceId", new { invoiceId });

                [Invalidates("invoice:<invoiceId>")]
                public Task MarkPaidAsync(int invoiceId) => Execute("UPDATE Invoices SET PaidAt = GETUTCDATE() WHERE InvoiceId = @invoiceId", new { invoiceId });

                // bug: VoidAsync→GetAsync
                public Task VoidAsync(int invoiceId) => Execute("DELETE FROM Invoices WHERE InvoiceId = @invoiceId", new { invoiceId });

                private Task<Invoice?> QueryOne(string sql, object parameters) => db.QuerySingleOrDefaultAsync<Invoice?>(sql, parameters);

                private async Task Execute(string sql, object parameters)
                {
                    await db.ExecuteAsync(sql, parameters);
                }
            }
            """"),
    ];
}
