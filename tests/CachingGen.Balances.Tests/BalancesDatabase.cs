using System.IO;
using Balances.Data;
using Dapper;
using Npgsql;

namespace CachingGen.Balances.Tests;

/// <summary>
/// A database of its own on the PostgreSQL that eng/test.sh starts (CACHINGGEN_POSTGRES), migrated and seeded
/// with 20 users × 3 tokens; dropped afterwards. A missing server fails the test, never skips it.
/// </summary>
public sealed class BalancesDatabase : IAsyncLifetime
{
    public const int Users = 20;
    public const int Tokens = 3;

    private readonly string _name = "balances_" + Guid.NewGuid().ToString("N")[..12];
    private string _server = string.Empty;

    public string ConnectionString { get; private set; } = string.Empty;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = Environment.GetEnvironmentVariable("CACHINGGEN_POSTGRES")!;
        Assert.False(string.IsNullOrWhiteSpace(_server), "CACHINGGEN_POSTGRES is not set: run the tests with 'bash eng/test.sh', which starts PostgreSQL on loopback.");
        await using (var admin = new NpgsqlConnection(_server))
        {
            await admin.OpenAsync();
            await admin.ExecuteAsync($"CREATE DATABASE {_name}");
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        await MigrationRunner.MigrateAsync(DataSource, TextWriter.Null);
        await Seeder.SeedAsync(DataSource, Users, Tokens, TextWriter.Null);
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_server);
        await admin.OpenAsync();
        await admin.ExecuteAsync($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    public async Task<decimal> AmountAsync(long id)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<decimal>("SELECT amount FROM balances WHERE id = @id", new { id });
    }
}
