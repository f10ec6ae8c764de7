using System.Diagnostics;
using System.Threading;
using Npgsql;

namespace CachingGen.Benchmarks.Feed;

/// <summary>
/// Another service's writes, in a process of its own: single-row updates on <c>connections</c> connections, paced at
/// <c>rate</c> per second (0: as fast as they go), each with synchronous commit. Prints one line per write,
/// <c>id,sentTicks,returnedTicks</c> (UTC: the statement sent, its commit returned), then <c>done,count</c>. The feed may
/// remove a key before the writer hears its commit: the server acknowledges the commit and wakes the WAL sender at once.
/// </summary>
public static class FeedWriter
{
    public static async Task<int> RunAsync(string connectionString, int rate, int seconds, int rows, int connections)
    {
        var results = new List<(int Id, long Sent, long Returned)>[connections];
        var clock = Stopwatch.StartNew();
        var end = TimeSpan.FromSeconds(seconds);
        var next = -1L;
        var tasks = Enumerable.Range(0, connections).Select(async worker =>
        {
            var mine = results[worker] = new List<(int, long, long)>();
            var random = new Random(worker * 7919 + 1);
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using (var set = new NpgsqlCommand("SET synchronous_commit = on", connection))
            {
                await set.ExecuteNonQueryAsync();
            }

            await using var update = new NpgsqlCommand("UPDATE feed_bench SET v = v + 1 WHERE id = @id", connection);
            var id = new NpgsqlParameter<int>("id", 0);
            update.Parameters.Add(id);
            await update.PrepareAsync();
            while (true)
            {
                var n = Interlocked.Increment(ref next);
                if (rate > 0)
                {
                    var due = TimeSpan.FromSeconds((double)n / rate);
                    if (due >= end)
                    {
                        break;
                    }

                    var wait = due - clock.Elapsed;
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait);
                    }
                }
                else if (clock.Elapsed >= end)
                {
                    break;
                }

                id.TypedValue = random.Next(1, rows + 1);
                var sent = DateTime.UtcNow.Ticks;
                await update.ExecuteNonQueryAsync();
                mine.Add((id.TypedValue, sent, DateTime.UtcNow.Ticks));
            }
        }).ToArray();
        await Task.WhenAll(tasks);
        var count = 0;
        foreach (var (rowId, sent, returned) in results.SelectMany(r => r))
        {
            Console.Out.Write($"{rowId},{sent},{returned}\n");
            count++;
        }

        Console.Out.Write($"done,{count}\n");
        return 0;
    }
}
