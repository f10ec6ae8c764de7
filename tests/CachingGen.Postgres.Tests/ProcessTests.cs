namespace CachingGen.Postgres.Tests;

/// <summary>
/// Instances in separate processes, as deployed: one consumes the slot, one stands by and hears the backplane. The
/// consumer is killed while another connection writes; the standby takes over, and nothing committed meanwhile is missed
/// by it or by the killed instance once it is started again.
/// </summary>
public sealed class ProcessTests(LogicalCluster cluster) : FeedTestBase(cluster)
{
    [Fact]
    public async Task A_consumer_killed_mid_stream_is_replaced_and_nothing_committed_is_missed()
    {
        var (db, slot) = await CreateDatabaseAndSlotAsync();
        var prefix = RedisConfiguration.NewPrefix();
        var a = await InstanceProcess.StartAsync(db, slot, RedisConfiguration.Node, prefix);
        await using var b = await InstanceProcess.StartAsync(db, slot, RedisConfiguration.Node, prefix);
        Assert.True(await a.IsConsumerAsync());
        Assert.False(await b.IsConsumerAsync());
        Assert.Equal(10m, (await a.ReadAsync(1)).Value);
        Assert.Equal(10m, (await b.ReadAsync(1)).Value);

        // 300 updates of user 2 from another connection; user 2 is read (and cached) along the way; the consumer dies at the 100th.
        for (var i = 1; i <= 300; i++)
        {
            await Schema.ExecuteAsync(db, $"UPDATE accounts SET amount = {i} WHERE user_id = 2");
            if (i % 25 == 0)
            {
                await b.ReadAsync(2);
            }

            if (i == 100)
            {
                a.Kill();
                await a.DisposeAsync();
            }
        }

        await Schema.ExecuteAsync(db, "UPDATE accounts SET amount = 55 WHERE user_id = 1");
        var watch = Stopwatch.StartNew();
        while (!await b.IsConsumerAsync())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "the standby did not take the slot over within 30 s");
            await Task.Delay(50);
        }

        Assert.Equal(55m, await EventuallyAsync(b, 1, 55m));
        Assert.Equal(300m, await EventuallyAsync(b, 2, 300m));

        // The killed instance, started again, stands by and reads what was committed while it was gone.
        await using var again = await InstanceProcess.StartAsync(db, slot, RedisConfiguration.Node, prefix);
        Assert.False(await again.IsConsumerAsync());
        Assert.Equal(55m, (await again.ReadAsync(1)).Value);
        Assert.Equal(300m, (await again.ReadAsync(2)).Value);
    }

    [Fact]
    public async Task Under_concurrent_writes_from_other_connections_both_processes_end_with_every_last_commit()
    {
        var db = await CreateDatabaseAsync();
        await Schema.ExecuteAsync(db, "INSERT INTO accounts SELECT g, 'u' || g || '@example.com', 1, 0 FROM generate_series(100, 119) g");
        var slot = NewSlot();
        var prefix = RedisConfiguration.NewPrefix();
        await using var a = await InstanceProcess.StartAsync(db, slot, RedisConfiguration.Node, prefix);
        await using var b = await InstanceProcess.StartAsync(db, slot, RedisConfiguration.Node, prefix);

        // 4 writers × 250 single-row updates (bounded), while both instances keep reading (and caching) random rows.
        using var stop = new System.Threading.CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            await using var connection = new Npgsql.NpgsqlConnection(db);
            await connection.OpenAsync();
            for (var i = 0; i < 250; i++)
            {
                await using var update = new Npgsql.NpgsqlCommand($"UPDATE accounts SET amount = amount + 1 WHERE user_id = {100 + random.Next(20)}", connection);
                await update.ExecuteNonQueryAsync();
            }
        })).ToArray();
        var readers = new[] { a, b }.Select((instance, r) => Task.Run(async () =>
        {
            var random = new Random(100 + r);
            while (!stop.IsCancellationRequested)
            {
                await instance.ReadAsync(100 + random.Next(20));
            }
        })).ToArray();
        await Task.WhenAll(writers);
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        // Every row's last committed amount, from both processes, within the feed's lag (bounded at 10 s here).
        await using var check = new Npgsql.NpgsqlConnection(db);
        await check.OpenAsync();
        for (var id = 100; id < 120; id++)
        {
            await using var read = new Npgsql.NpgsqlCommand($"SELECT amount FROM accounts WHERE user_id = {id}", check);
            var committed = (decimal)(await read.ExecuteScalarAsync())!;
            Assert.Equal(committed, await EventuallyAsync(a, id, committed));
            Assert.Equal(committed, await EventuallyAsync(b, id, committed));
        }
    }

    /// <summary>Reads until the value is <paramref name="expected"/> (the feed's lag), at most 10 s; returns what was read last.</summary>
    private static async Task<decimal?> EventuallyAsync(InstanceProcess instance, int userId, decimal expected)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var (value, _) = await instance.ReadAsync(userId);
            if (value == expected || watch.Elapsed > TimeSpan.FromSeconds(10))
            {
                return value;
            }

            await Task.Delay(20);
        }
    }
}
