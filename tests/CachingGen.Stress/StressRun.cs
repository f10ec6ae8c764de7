using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace CachingGen.Stress;

/// <summary>Readers and writers on the hot rows from the start time to the deadline, each with its own DI scope.</summary>
public sealed class StressRun(IServiceProvider services, StressOptions options)
{
    public async Task<StressLog> RunAsync()
    {
        var wait = options.StartTicks - Stopwatch.GetTimestamp();
        if (wait > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
        }

        var log = new StressLog();
        var seed = options.Name.GetHashCode(StringComparison.Ordinal);
        var readers = Enumerable.Range(0, options.Readers).Select(i => Task.Run(() => ReadAsync(log, new Random(seed + i)))).ToArray();
        var writers = Enumerable.Range(0, options.Writers).Select(i => Task.Run(() => WriteAsync(log, new Random(seed - i - 1)))).ToArray();
        var reads = await Task.WhenAll(readers);
        var writes = await Task.WhenAll(writers);
        log.Reads.AddRange(reads.SelectMany(r => r));
        log.Writes.AddRange(writes.SelectMany(w => w));
        return log;
    }

    private async Task<List<T>> LoopAsync<T>(Func<IStressRepository, List<T>, Task> step)
    {
        var records = new List<T>();
        await using var scope = services.CreateAsyncScope();
        var repository = scope.ServiceProvider.GetRequiredService<IStressRepository>();
        while (Stopwatch.GetTimestamp() < options.DeadlineTicks)
        {
            await step(repository, records);
        }

        return records;
    }

    private Task<List<ReadRecord>> ReadAsync(StressLog log, Random random) => LoopAsync<ReadRecord>(async (repository, records) =>
    {
        var isSum = random.Next(4) == 0;
        var key = isSum ? random.Next(StressRows.Groups) : random.Next(1, StressRows.Count + 1);
        var start = Stopwatch.GetTimestamp();
        try
        {
            var value = isSum ? await repository.SumAsync(key) : await repository.GetAsync(key);
            records.Add(new ReadRecord(isSum, key, value, start, Stopwatch.GetTimestamp()));
        }
        catch (Exception ex)
        {
            log.Fail(isSum ? $"SumAsync({key})" : $"GetAsync({key})", ex);
        }

        await Task.Delay(1);
    });

    private Task<List<WriteRecord>> WriteAsync(StressLog log, Random random) => LoopAsync<WriteRecord>(async (repository, records) =>
    {
        var id = random.Next(1, StressRows.Count + 1);
        var start = Stopwatch.GetTimestamp();
        try
        {
            var version = await repository.BumpAsync(id, StressRows.GroupOf(id));
            records.Add(new WriteRecord(id, version, start, Stopwatch.GetTimestamp()));
        }
        catch (Exception ex)
        {
            log.Fail($"BumpAsync({id})", ex);
        }

        await Task.Delay(random.Next(1, 6));
    });
}
