using System.Diagnostics;
using System.Text.Json;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace CachingGen.Redis.Tests;

/// <summary>
/// <c>ClusterSingleLoad</c>: concurrent misses of one key on several instances make one repository call through a lock
/// in Redis; with Redis down, or the holder gone, each instance loads by itself.
/// </summary>
public sealed class ClusterSingleLoadTests(ITestOutputHelper output)
{
    public static TheoryData<string> Topologies => new() { "node", "cluster" };

    [Theory]
    [MemberData(nameof(Topologies))]
    public async Task A_thousand_concurrent_misses_split_across_two_processes_make_one_repository_call(string topology)
    {
        var redis = topology == "node" ? RedisEnvironment.Node : RedisEnvironment.Cluster;
        var prefix = RedisEnvironment.NewPrefix();
        string[] Arguments(string name) => ["single-load", "--name", name, "--redis", redis, "--prefix", prefix, "--callers", "500", "--load-ms", "300", "--instances", "2"];

        using var a = new StressProcess(Arguments("A"));
        using var b = new StressProcess(Arguments("B"));
        var reports = new[] { await a.FinishAsync(TimeSpan.FromSeconds(60)), await b.FinishAsync(TimeSpan.FromSeconds(60)) }
            .Select(o => JsonDocument.Parse(o.Trim().Split('\n')[^1]).RootElement).ToList();
        foreach (var report in reports)
        {
            output.WriteLine(report.ToString());
        }

        await using var raw = await RedisEnvironment.RawAsync(redis);
        var calls = (long)await raw.GetDatabase().StringGetAsync(prefix + "calls");
        Assert.Equal(1, calls);

        // Every one of the 1,000 callers got the one value that call returned, and no cache fault was hidden.
        var values = reports.SelectMany(r => r.GetProperty("values").EnumerateArray().Select(v => v.GetString())).Distinct().ToList();
        Assert.Single(values);
        Assert.All(reports, r => Assert.Equal(0, r.GetProperty("errors").GetInt64()));
        Assert.Equal(1000, reports.Sum(r => r.GetProperty("hits").GetInt64() + r.GetProperty("misses").GetInt64()));
    }

    [Fact]
    public async Task With_Redis_down_each_instance_loads_by_itself_and_no_call_fails()
    {
        // A port nothing listens on: the level answers "unavailable" at once, and the lock is never tried.
        var instances = Enumerable.Range(0, 2).Select(_ => Instance("127.0.0.1:1", RedisEnvironment.NewPrefix())).ToList();
        try
        {
            var values = await Task.WhenAll(instances.SelectMany(i => Enumerable.Range(0, 200).Select(_ => Task.Run(() => i.GetRequiredService<ISlowCounter>().GetAsync(1)))));
            Assert.Equal(400, values.Length);
            Assert.All(instances, i => Assert.Equal(1, i.GetRequiredService<CallLog>().Calls));
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task When_the_holder_never_stores_the_others_load_by_themselves_after_the_wait()
    {
        var prefix = RedisEnvironment.NewPrefix();
        await using var instance = Instance(RedisEnvironment.Node, prefix);
        await RedisEnvironment.ConnectedAsync(instance);
        await using var raw = await RedisEnvironment.RawAsync(RedisEnvironment.Node);

        // An instance that took the lock and died: the lock stays for far longer than the wait.
        await raw.GetDatabase().StringSetAsync(prefix + "{slow:3}:lock", "dead-holder", TimeSpan.FromMinutes(1));
        var clock = Stopwatch.StartNew();
        var value = await instance.GetRequiredService<ISlowCounter>().GetAsync(3);
        clock.Stop();

        Assert.Equal("value-3-1", value);
        Assert.Equal(1, instance.GetRequiredService<CallLog>().Calls);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"loaded after {clock.Elapsed.TotalMilliseconds:F0} ms, before the 1 s wait ran out");
    }

    private static ServiceProvider Instance(string configuration, string prefix)
    {
        var services = new ServiceCollection();
        services.AddSingleton<CallLog>();
        services.AddSingleton<ISlowCounter, SlowCounter>();
        services.AddCachingGen(o =>
        {
            o.UseRedis(configuration, r =>
            {
                r.KeyPrefix = prefix;
                r.OperationTimeout = TimeSpan.FromSeconds(1);
            });
        });
        return services.BuildServiceProvider();
    }
}
