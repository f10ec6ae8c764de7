namespace CachingGen.PackageTests;

/// <summary>
/// CachingGen.Postgres from its packed package, in an app outside this repository's build files: the generator writes
/// the manifest's bindings, the feed starts with the host, and a row changed by another connection is fresh on the next read.
/// </summary>
public sealed class ChangeFeedPackageTests
{
    private const string Program = """
        using System.Diagnostics;
        using CachingGen;
        using Npgsql;

        var connectionString = args[0];
        var name = args[1];
        await using (var setup = new NpgsqlConnection(connectionString))
        {
            await setup.OpenAsync();
            await new NpgsqlCommand("CREATE TABLE IF NOT EXISTS pkg_prices (id int PRIMARY KEY, price numeric(10,2) NOT NULL); DELETE FROM pkg_prices; INSERT INTO pkg_prices VALUES (1, 10), (2, 20);", setup).ExecuteNonQueryAsync();
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(NpgsqlDataSource.Create(connectionString));
        builder.Services.AddSingleton<IPrices, Prices>();
        builder.Services.AddCachingGen(o => o.UsePostgresChangeFeed(connectionString, feed => feed.SlotName = feed.PublicationName = name));
        var app = builder.Build();
        await app.StartAsync();
        var prices = app.Services.GetRequiredService<IPrices>();
        var before = await prices.PriceAsync(1);
        Console.WriteLine($"before={before} other={await prices.PriceAsync(2)}");
        Console.WriteLine($"cached={await prices.PriceAsync(1)} loads={Prices.Loads}");

        await using (var other = new NpgsqlConnection(connectionString))
        {
            await other.OpenAsync();
            await new NpgsqlCommand("UPDATE pkg_prices SET price = price + 1 WHERE id = 1", other).ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        var now = before;
        while (now == before && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(5);
            now = await prices.PriceAsync(1);
        }

        Console.WriteLine($"after={now} other={await prices.PriceAsync(2)} loads={Prices.Loads} state={app.Services.GetRequiredService<CachingGenCache>().ChangeFeed!.Status.State}");
        await app.StopAsync();
        await using (var cleanup = new NpgsqlConnection(connectionString))
        {
            await cleanup.OpenAsync();
            await new NpgsqlCommand($"SELECT pg_drop_replication_slot('{name}'); DROP PUBLICATION {name}; DROP TABLE pkg_prices;", cleanup).ExecuteNonQueryAsync();
        }

        public interface IPrices
        {
            Task<decimal> PriceAsync(int id);
        }

        public sealed class Prices(NpgsqlDataSource db) : IPrices
        {
            public static int Loads;

            [Cached("00:10:00", "price:<id>")]
            public async Task<decimal> PriceAsync(int id)
            {
                Interlocked.Increment(ref Loads);
                await using var connection = await db.OpenConnectionAsync();
                await using var command = new NpgsqlCommand("SELECT price FROM pkg_prices WHERE id = @id", connection);
                command.Parameters.AddWithValue("id", id);
                return (decimal)(await command.ExecuteScalarAsync())!;
            }
        }
        """;

    [Fact]
    public async Task A_row_changed_by_another_connection_is_fresh_through_the_packed_change_feed()
    {
        var postgres = Environment.GetEnvironmentVariable("CACHINGGEN_POSTGRES");
        Assert.False(string.IsNullOrWhiteSpace(postgres), "CACHINGGEN_POSTGRES is not set (eng/test.sh starts PostgreSQL, with wal_level = logical, and sets it)");
        var work = Directory.CreateTempSubdirectory("cachinggen-feed-package-").FullName;
        try
        {
            var feed = Path.Combine(work, "feed");
            var app = Path.Combine(work, "FeedApp");
            Directory.CreateDirectory(app);
            var version = $"0.1.0-feed.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
            await Consumer.PackAsync(feed, version, "CachingGen", "CachingGen.Postgres");

            await Consumer.WriteWebProjectAsync(app, "FeedApp", [("CachingGen", version), ("CachingGen.Postgres", version)]);
            await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), Program);
            await Consumer.WriteFeedConfigAsync(app, feed);

            var build = await Consumer.RunAsync("dotnet", "build -c Release -nologo", app);
            Assert.True(build.ExitCode == 0, "the feed app does not build:\n" + build.Output);
            var manifest = await File.ReadAllTextAsync(Path.Combine(app, "bin", "Release", "net10.0", "FeedApp.cachinggen.json"));
            Assert.Contains("\"bindings\": [{ \"placeholder\": \"id\", \"table\": \"pkg_prices\", \"column\": \"id\", \"type\": \"int\" }]", manifest, StringComparison.Ordinal);

            var slot = "pkgfeed" + Guid.NewGuid().ToString("N")[..8];
            var run = await Consumer.RunAsync("dotnet", $"\"{Path.Combine(app, "bin", "Release", "net10.0", "FeedApp.dll")}\" \"{postgres}\" {slot}", app);
            Assert.True(run.ExitCode == 0, "the feed app failed:\n" + run.Output);
            Assert.Contains("before=10.00 other=20.00", run.Output, StringComparison.Ordinal);
            Assert.Contains("cached=10.00 loads=2", run.Output, StringComparison.Ordinal);

            // Price 1 reloaded once after the other connection's update; price 2 still served from the cache.
            Assert.Contains("after=11.00 other=20.00 loads=3 state=Live", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
