namespace CachingGen.Postgres.Tests.Infrastructure;

/// <summary>The Redis node eng/test.sh starts (CACHINGGEN_REDIS), and a key prefix of the test's own.</summary>
public static class RedisConfiguration
{
    public static string Node
    {
        get
        {
            var node = Environment.GetEnvironmentVariable("CACHINGGEN_REDIS");
            Assert.False(string.IsNullOrWhiteSpace(node), "CACHINGGEN_REDIS is not set: run the tests with 'bash eng/test.sh', which starts Redis on loopback.");
            return node!;
        }
    }

    public static Action<CachingGen.DependencyInjection.CachingGenOptions> Use(string prefix)
        => o => o.UseRedis(Node, redis => redis.KeyPrefix = prefix);

    public static string NewPrefix() => "f" + Guid.NewGuid().ToString("N")[..12] + ":";
}
