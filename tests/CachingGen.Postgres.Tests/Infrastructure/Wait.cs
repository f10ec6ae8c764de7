namespace CachingGen.Postgres.Tests.Infrastructure;

/// <summary>Waits for a state the feed reaches by itself (a log line, a takeover), bounded: 30 s, then the test fails naming it.</summary>
public static class Wait
{
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"{what}: not within 30 s");
            await Task.Delay(20);
        }
    }
}
