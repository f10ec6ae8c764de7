using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Balances;
using Balances.Commands;
using Balances.Data;
using Microsoft.Extensions.Hosting;
using Npgsql;

// Balances: the wallet service on PostgreSQL, cached by CachingGen. Commands:
//   demo [--redis host:port] [--users N] [--tokens M] [--out file.md]   migrate, seed, verify-indexes, bench
//   migrate | seed [--users N --tokens M] | verify-indexes | bench [--redis …] | load [--redis …] [--seconds S]
//   serve [--no-cache] [--redis host:port] [--change-feed] [--urls http://127.0.0.1:5080] [--traces console|otlp]
//   change-feed   a balance updated with psql, and the next API read fresh (the feed needs wal_level = logical)
//         /cachinggen (the cache map) for user "ops", password BALANCES_OPS_PASSWORD (development default: ops-dev-password)
// The database comes from BALANCES_DB (an Npgsql connection string); eng/balances.sh starts a throw-away one.
var command = args.FirstOrDefault() ?? "demo";
var options = Options(args.Skip(1));
var connectionString = Environment.GetEnvironmentVariable("BALANCES_DB");
if (string.IsNullOrWhiteSpace(connectionString))
{
    Console.Error.WriteLine("BALANCES_DB is not set. Run 'bash eng/balances.sh', which starts a throw-away PostgreSQL, or set BALANCES_DB to an Npgsql connection string.");
    return 2;
}

var redis = options.GetValueOrDefault("redis");
var users = int.Parse(options.GetValueOrDefault("users", "10000"), System.Globalization.CultureInfo.InvariantCulture);
var tokens = int.Parse(options.GetValueOrDefault("tokens", "10"), System.Globalization.CultureInfo.InvariantCulture);
await using var db = NpgsqlDataSource.Create(connectionString);
var log = Console.Out;

switch (command)
{
    case "migrate":
        await Step("migrate", () => MigrationRunner.MigrateAsync(db, log));
        return 0;
    case "seed":
        await Step($"seed {users:N0} users × {tokens} tokens", () => Seeder.SeedAsync(db, users, tokens, log));
        return 0;
    case "verify-indexes":
        return await VerifyAsync() ? 0 : 1;
    case "bench":
        await BenchAsync();
        return 0;
    case "load":
        var seconds = int.Parse(options.GetValueOrDefault("seconds", "15"), System.Globalization.CultureInfo.InvariantCulture);
        var loadTable = await LoadCommand.RunAsync(connectionString, redis, users, TimeSpan.FromSeconds(seconds), log);
        Console.WriteLine();
        Console.WriteLine(loadTable);
        await Write(options.GetValueOrDefault("out"), loadTable);
        return 0;
    case "serve":
        var settings = new BalancesSettings(
            connectionString,
            !options.ContainsKey("no-cache"),
            redis,
            Traces: options.GetValueOrDefault("traces"),
            ChangeFeed: options.ContainsKey("change-feed"),
            OperatorPassword: Environment.GetEnvironmentVariable("BALANCES_OPS_PASSWORD") is { Length: > 0 } password ? password : BalancesSettings.DevelopmentOperatorPassword);
        var app = BalancesApp.Build(settings, ["--urls", options.GetValueOrDefault("urls", "http://127.0.0.1:5080")]);
        await app.StartAsync();

        // Logging is at Warning, so Kestrel's own "Now listening on" is not shown: say where (the bound address,
        // also when the port was 0) and how to stop. Ctrl+C and SIGTERM both stop the host gracefully.
        Console.WriteLine($"Balances listening on {BalancesApp.Address(app)} (stop with Ctrl+C)");
        if (settings.ChangeFeed)
        {
            Console.WriteLine("Change feed: live (slot 'balances'); a write made with psql or any other client invalidates the cache within the feed's lag");
        }

        if (settings.Caching)
        {
            Console.WriteLine($"Cache map: {BalancesApp.Address(app)}/cachinggen (user ops; password BALANCES_OPS_PASSWORD or, in development, {BalancesSettings.DevelopmentOperatorPassword})");
        }
        await app.WaitForShutdownAsync();
        return 0;
    case "demo":
        var started = DateTime.UtcNow;
        await Step("migrate", () => MigrationRunner.MigrateAsync(db, log));
        await Step($"seed {users:N0} users × {tokens} tokens", () => Seeder.SeedAsync(db, users, tokens, log));
        if (!await VerifyAsync())
        {
            return 1;
        }

        await BenchAsync();
        if (!await ChangeFeedDemo.RunAsync(connectionString, log))
        {
            return 1;
        }

        Console.WriteLine($"demo finished in {(DateTime.UtcNow - started).TotalSeconds:N0} s");
        return 0;
    case "change-feed":
        return await ChangeFeedDemo.RunAsync(connectionString, log) ? 0 : 1;
    default:
        Console.Error.WriteLine($"unknown command '{command}': use demo, migrate, seed, verify-indexes, bench, load, serve or change-feed");
        return 2;
}

async Task<bool> VerifyAsync()
{
    Console.WriteLine("== verify-indexes");
    var problems = await IndexVerifier.VerifyAsync(db, log);
    foreach (var problem in problems)
    {
        Console.Error.WriteLine("verify-indexes: " + problem);
    }

    return problems.Count == 0;
}

async Task BenchAsync()
{
    Console.WriteLine($"== bench (in-process cache{(redis is null ? string.Empty : " and Redis " + redis)})");
    var table = await BenchCommand.RunAsync(connectionString, redis, users, log);
    Console.WriteLine();
    Console.WriteLine(table);
    await Write(options.GetValueOrDefault("out"), table);
}

static async Task Step(string name, Func<Task> action)
{
    Console.WriteLine("== " + name);
    var start = DateTime.UtcNow;
    await action();
    Console.WriteLine($"   done in {(DateTime.UtcNow - start).TotalSeconds:N1} s");
}

static async Task Write(string? path, string markdown)
{
    if (path is not null)
    {
        await File.WriteAllTextAsync(path, markdown);
        Console.WriteLine("written to " + path);
    }
}

static Dictionary<string, string> Options(IEnumerable<string> arguments)
{
    var result = new Dictionary<string, string>(StringComparer.Ordinal);
    string? pending = null;
    foreach (var argument in arguments)
    {
        if (argument.StartsWith("--", StringComparison.Ordinal))
        {
            if (pending is not null)
            {
                result[pending] = "true";
            }

            pending = argument[2..];
        }
        else if (pending is not null)
        {
            result[pending] = argument;
            pending = null;
        }
    }

    if (pending is not null)
    {
        result[pending] = "true";
    }

    return result;
}
