namespace CachingGen.Generator.Tests.Coverage.Corpus;

/// <summary>
/// PostgreSQL repositories in the styles of public code (snake_case, schemas, <c>RETURNING</c>, <c>ON CONFLICT</c>,
/// raw strings, CTEs, quoted mixed-case names, <c>NpgsqlCommand</c>, a connection factory).
/// </summary>
internal static class PostgresCorpus
{
    private const string Usings = CorpusSources.Usings + "using Npgsql;\n";

    public static readonly (string Name, string Source)[] Repositories =
    [
        ("pg board games: RETURNING id, var sql everywhere", Usings + """"
            namespace BoardGames;
            public sealed record BoardGame(int Id, string Name, int MinPlayers, int MaxPlayers);
            public sealed class BoardGameRepository(NpgsqlConnection db)
            {
                [Cached("1h", "game:<id>")]
                public Task<BoardGame?> GetAsync(int id)
                {
                    string commandText = "SELECT id, name, min_players AS MinPlayers, max_players AS MaxPlayers FROM games WHERE id = @id";
                    return db.QueryFirstOrDefaultAsync<BoardGame?>(commandText, new { id });
                }

                [Cached("1h", "games:count")]
                public Task<int> CountAsync()
                {
                    string commandText = "SELECT COUNT(*) FROM games";
                    return db.ExecuteScalarAsync<int>(commandText);
                }

                // bug: AddAsync→CountAsync (a new game is one more)
                public Task<int> AddAsync(BoardGame game)
                {
                    string commandText = "INSERT INTO games (name, min_players, max_players) VALUES (@Name, @MinPlayers, @MaxPlayers) RETURNING id";
                    return db.ExecuteScalarAsync<int>(commandText, game);
                }

                // bug: UpdateAsync→GetAsync
                public Task UpdateAsync(int id, BoardGame game)
                {
                    var commandText = "UPDATE games SET name = @Name, min_players = @MinPlayers, max_players = @MaxPlayers WHERE id = @id";
                    return db.ExecuteAsync(commandText, new { id, game.Name, game.MinPlayers, game.MaxPlayers });
                }

                [Invalidates("game:<id>")]
                [Invalidates("games:count")]
                public Task DeleteAsync(int id)
                {
                    var commandText = "DELETE FROM games WHERE id = @id";
                    return db.ExecuteAsync(commandText, new { id });
                }
            }
            """"),
        ("pg payments: balances with a reassigned query, transactions", Usings + """"
            namespace Payments;
            public sealed class BalanceRepository(NpgsqlConnection db)
            {
                [Cached("30s", "balance:<accountId>")]
                public Task<decimal> BalanceAsync(long accountId) => db.ExecuteScalarAsync<decimal>("SELECT amount FROM balances WHERE account_id = @accountId", new { accountId });

                // bug: TransferAsync→BalanceAsync
                public async Task TransferAsync(long from, long to, decimal amount)
                {
                    using var tx = db.BeginTransaction();
                    var query = "SELECT amount FROM balances WHERE account_id = @from FOR UPDATE";
                    var available = await db.ExecuteScalarAsync<decimal>(query, new { from }, tx);
                    query = "UPDATE balances SET amount = amount - @amount WHERE account_id = @from";
                    await db.ExecuteAsync(query, new { from, amount }, tx);
                    query = "UPDATE balances SET amount = amount + @amount WHERE account_id = @to";
                    await db.ExecuteAsync(query, new { to, amount }, tx);
                    tx.Commit();
                }

                [Invalidates("balance:<accountId>")]
                public Task FreezeAsync(long accountId) => db.ExecuteAsync("UPDATE balances SET amount = 0 WHERE account_id = @accountId", new { accountId });
            }
            """"),
        ("pg identity: quoted mixed-case tables (EF-created schema)", Usings + """"
            namespace Identity;
            public sealed class UserStore(NpgsqlConnection db)
            {
                [Cached("5m", "user:<id>:roles")]
                public async Task<IReadOnlyList<string>> RolesAsync(string id)
                    => (await db.QueryAsync<string>("""SELECT r."Name" FROM "AspNetUserRoles" ur JOIN "AspNetRoles" r ON r."Id" = ur."RoleId" WHERE ur."UserId" = @id""", new { id })).ToList();

                // bug: AddToRoleAsync→RolesAsync
                public Task AddToRoleAsync(string userId, string roleId) => db.ExecuteAsync("""INSERT INTO "AspNetUserRoles" ("UserId", "RoleId") VALUES (@userId, @roleId)""", new { userId, roleId });

                [Invalidates("user:*")]
                public Task RenameRoleAsync(string roleId, string name) => db.ExecuteAsync("""UPDATE "AspNetRoles" SET "Name" = @name WHERE "Id" = @roleId""", new { roleId, name });

                // Not a bug: a different table whose name differs only in case would be another table in PostgreSQL.
                public Task LogAsync(string userId) => db.ExecuteAsync("INSERT INTO aspnetuserroles_audit (user_id) VALUES (@userId)", new { userId });
            }
            """"),
        ("pg catalog: schema-qualified, CTE, ON CONFLICT DO NOTHING", Usings + """"
            namespace Catalog;
            public sealed class TagRepository(NpgsqlConnection db)
            {
                [Cached("10m", "product:<productId>:tags")]
                public async Task<IReadOnlyList<string>> TagsAsync(long productId) => (await db.QueryAsync<string>(@"
                    WITH pt AS (SELECT tag_id FROM catalog.product_tags WHERE product_id = @productId)
                    SELECT t.name FROM catalog.tags t JOIN pt ON pt.tag_id = t.id ORDER BY t.name", new { productId })).ToList();

                // bug: TagAsync→TagsAsync
                public Task TagAsync(long productId, long tagId) => db.ExecuteAsync(
                    "INSERT INTO catalog.product_tags (product_id, tag_id) VALUES (@productId, @tagId) ON CONFLICT DO NOTHING", new { productId, tagId });

                // bug: RenameTagAsync→TagsAsync
                public Task RenameTagAsync(long tagId, string name) => db.ExecuteAsync("UPDATE catalog.tags SET name = @name WHERE id = @tagId", new { tagId, name });

                [Invalidates("product:<productId>:tags")]
                public Task UntagAsync(long productId, long tagId) => db.ExecuteAsync("DELETE FROM catalog.product_tags WHERE product_id = @productId AND tag_id = @tagId", new { productId, tagId });
            }
            """"),
        ("pg todo api: NpgsqlCommand with parameters, a connection factory", Usings + """"
            namespace Todo;
            public interface IConnectionFactory { NpgsqlConnection Create(); }
            public sealed class TodoRepository(IConnectionFactory factory)
            {
                [Cached("1m", "todos:<owner>:open")]
                public async Task<int> OpenCountAsync(string owner)
                {
                    await using var connection = factory.Create();
                    await using var command = new NpgsqlCommand("SELECT count(*) FROM todos WHERE owner = @owner AND NOT done", connection);
                    return Convert.ToInt32(await command.ExecuteScalarAsync());
                }

                // bug: CompleteAsync→OpenCountAsync
                public async Task CompleteAsync(long id)
                {
                    await using var connection = factory.Create();
                    const string sql = "UPDATE todos SET done = true, done_at = now() WHERE id = @id";
                    await using var command = new NpgsqlCommand(sql, connection);
                    await command.ExecuteNonQueryAsync();
                }

                // bug: AddAsync→OpenCountAsync
                public async Task<long> AddAsync(string owner, string title)
                {
                    await using var connection = factory.Create();
                    await using var command = new NpgsqlCommand("INSERT INTO todos (owner, title) VALUES (@owner, @title) RETURNING id", connection);
                    return (long)(await command.ExecuteScalarAsync())!;
                }

                // Not a bug: the title is not counted.
                public async Task RetitleAsync(long id, string title)
                {
                    await using var connection = factory.Create();
                    await using var command = new NpgsqlCommand("UPDATE todos SET title = @title WHERE id = @id", connection);
                    await command.ExecuteNonQueryAsync();
                }
            }
            """"),
        ("pg events: event sourcing projections, upsert with DO UPDATE", Usings + """"
            namespace Events;
            public sealed class ProjectionRepository(NpgsqlConnection db)
            {
                private const string Upsert = """
                    INSERT INTO account_projection (account_id, balance, version)
                    VALUES (@accountId, @balance, @version)
                    ON CONFLICT (account_id) DO UPDATE SET balance = EXCLUDED.balance, version = EXCLUDED.version
                    """;

                [Cached("10s", "projection:<accountId>")]
                public Task<decimal> BalanceAsync(Guid accountId) => db.ExecuteScalarAsync<decimal>("SELECT balance FROM account_projection WHERE account_id = @accountId", new { accountId });

                [Invalidates("projection:<accountId>")]
                public Task ApplyAsync(Guid accountId, decimal balance, long version) => db.ExecuteAsync(Upsert, new { accountId, balance, version });

                // bug: RebuildAsync→BalanceAsync
                public Task RebuildAsync() => db.ExecuteAsync("TRUNCATE account_projection");
            }
            """"),
        ("pg jobs: a private helper with the SQL as argument, a ?: choice", Usings + """"
            namespace Jobs;
            public sealed class JobRepository(NpgsqlConnection db)
            {
                [Cached("15s", "queue:<queue>:depth")]
                public Task<int> DepthAsync(string queue) => Scalar("SELECT count(*) FROM jobs WHERE queue = @queue AND state = 'ready'", new { queue });

                // bug: FinishAsync→DepthAsync
                public Task FinishAsync(long id, bool failed) => Run(failed ? "UPDATE jobs SET state = 'failed' WHERE id = @id" : "DELETE FROM jobs WHERE id = @id", new { id });

                [Invalidates("queue:<queue>:depth")]
                public Task EnqueueAsync(string queue, string payload) => Run("INSERT INTO jobs (queue, payload, state) VALUES (@queue, @payload, 'ready')", new { queue, payload });

                // Not a bug: the heartbeat is not part of the depth.
                public Task HeartbeatAsync(long id) => Run("UPDATE jobs SET heartbeat = now() WHERE id = @id", new { id });

                private Task<int> Scalar(string sql, object args) => db.ExecuteScalarAsync<int>(sql, args);

                private Task Run(string sql, object args) => db.ExecuteAsync(sql, args);
            }
            """"),
        ("pg analytics: SQL handed over from a method that is not constant", Usings + """"
            namespace Analytics;
            public sealed class ReportRepository(NpgsqlConnection db)
            {
                [Cached("1h", "report:<day>")]
                public Task<long> VisitsAsync(DateTime day) => db.ExecuteScalarAsync<long>("SELECT count(*) FROM visits WHERE day = @day", new { day });

                // bug: ImportAsync→VisitsAsync (the SQL comes from a file at run time)
                public Task ImportAsync(string path) => db.ExecuteAsync(System.IO.File.ReadAllText(path));

                [Invalidates("report:<day>")]
                public Task RecordAsync(DateTime day, string page) => db.ExecuteAsync("INSERT INTO visits (day, page) VALUES (@day, @page)", new { day, page });
            }
            """"),
    ];
}
