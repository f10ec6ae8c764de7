namespace CachingGen.Benchmarks.Fixtures;

/// <summary>Where the services are: the same variables eng/test.sh exports, with local defaults.</summary>
public static class BenchEnvironment
{
    public static string Redis => Environment.GetEnvironmentVariable("CACHINGGEN_REDIS") ?? "127.0.0.1:6379";

    public static string Postgres => Environment.GetEnvironmentVariable("CACHINGGEN_POSTGRES")
        ?? Environment.GetEnvironmentVariable("BALANCES_DB")
        ?? "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres";
}
