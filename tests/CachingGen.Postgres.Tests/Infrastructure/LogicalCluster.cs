using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace CachingGen.Postgres.Tests.Infrastructure;

/// <summary>
/// A throw-away PostgreSQL 15 cluster of the tests' own, with <c>wal_level = logical</c>, on a free loopback port: the
/// change feed tests restart it and terminate its sessions, which the server eng/test.sh shares with other projects
/// must not see. Under CI=true a missing PostgreSQL fails the tests instead of skipping them.
/// </summary>
public sealed class LogicalCluster : IAsyncLifetime
{
    private static int s_databases;
    private string _directory = "";

    public int Port { get; private set; }

    public string Server => $"Host=127.0.0.1;Port={Port};Username=postgres;Pooling=false;Timeout=5;Command Timeout=20";

    public static string Binaries => Environment.GetEnvironmentVariable("CACHINGGEN_PG_BIN") ?? "/usr/lib/postgresql/15/bin";

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Path.Combine(Binaries, "initdb")), $"PostgreSQL 15 binaries are not in {Binaries} (set CACHINGGEN_PG_BIN): the change feed tests need them.");
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        _directory = Directory.CreateTempSubdirectory("cachinggen-feed-pg.").FullName;
        await RunAsync("chmod", $"755 {_directory}");
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", $"postgres {_directory}");
        }

        await AsOwnerAsync($"'{Binaries}/initdb' -D '{_directory}/data' -U postgres -A trust -E UTF8 --no-locale > '{_directory}/initdb.log' 2>&1");
        await StartAsync();
    }

    public async Task StartAsync()
        => await AsOwnerAsync($"'{Binaries}/pg_ctl' -D '{_directory}/data' -l '{_directory}/server.log' -w -t 60 -o \"-c listen_addresses=127.0.0.1 -c port={Port} -c unix_socket_directories='{_directory}' -c wal_level=logical -c max_replication_slots=40 -c max_wal_senders=40 -c max_connections=200 -c fsync=off -c wal_sender_timeout=5s\" start > /dev/null");

    /// <summary>Stops the server at once (no shutdown checkpoint, like a crash) and starts it again.</summary>
    public async Task RestartAsync()
    {
        await AsOwnerAsync($"'{Binaries}/pg_ctl' -D '{_directory}/data' -m immediate stop > /dev/null");
        await StartAsync();
    }

    /// <summary>A new database with its own name, and its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"feed{Interlocked.Increment(ref s_databases)}_{Environment.ProcessId}";
        await using var connection = new NpgsqlConnection(Server + ";Database=postgres");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return Server + $";Database={name}";
    }

    public async Task DisposeAsync()
    {
        await AsOwnerAsync($"'{Binaries}/pg_ctl' -D '{_directory}/data' -m immediate stop > /dev/null 2>&1 || true");
        Directory.Delete(_directory, recursive: true);
    }

    private static Task AsOwnerAsync(string command)
        => Environment.UserName == "root" ? RunAsync("su", "postgres -s /bin/bash -c \"" + command.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"") : RunAsync("bash", "-c \"" + command.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");

    private static async Task RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} {arguments} exited with {process.ExitCode}: {await errors}");
    }
}

[CollectionDefinition(Name)]
public sealed class LogicalClusterTests : ICollectionFixture<LogicalCluster>
{
    public const string Name = "logical PostgreSQL";
}
