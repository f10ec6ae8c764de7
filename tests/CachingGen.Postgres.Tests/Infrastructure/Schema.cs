namespace CachingGen.Postgres.Tests.Infrastructure;

/// <summary>The tables the test repository reads, with rows, in a database of the test's own; and writes made the way another service or psql makes them.</summary>
public static class Schema
{
    public static async Task<string> CreateAsync(LogicalCluster cluster)
    {
        var connectionString = await cluster.CreateDatabaseAsync();
        await ExecuteAsync(connectionString, """
            CREATE TABLE accounts (user_id int PRIMARY KEY, email text UNIQUE NOT NULL, owner_id int NOT NULL, amount numeric(12,2) NOT NULL);
            CREATE TABLE notes (user_id int PRIMARY KEY, body text NOT NULL);
            INSERT INTO accounts VALUES (1, 'a@example.com', 100, 10), (2, 'b@example.com', 100, 20), (3, 'c@example.com', 200, 30);
            INSERT INTO notes VALUES (1, 'first'), (2, 'second');
            CREATE TABLE events (tenant int NOT NULL, id int NOT NULL, v int NOT NULL, PRIMARY KEY (tenant, id)) PARTITION BY LIST (tenant);
            CREATE TABLE events_1 PARTITION OF events FOR VALUES IN (1);
            CREATE TABLE events_2 PARTITION OF events FOR VALUES IN (2);
            INSERT INTO events VALUES (1, 1, 10), (2, 1, 20);
            """);
        return connectionString;
    }

    /// <summary>Runs SQL on a connection of its own: a write the application does not make.</summary>
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
