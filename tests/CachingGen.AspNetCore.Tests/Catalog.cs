using System.Threading;
using CachingGen;

namespace CachingGen.AspNetCore.Tests;

public sealed record Product(int Id, string Category, string Name);

public interface ICatalog
{
    Task<Product?> GetAsync(int id);

    Task<IReadOnlyList<int>> ListAsync(string category);

    Task SaveAsync(int id, string category);
}

/// <summary>The repository calls of one app, so a test can tell a hit from a load.</summary>
public sealed class LoadCounter
{
    private int _loads;

    public int Loads => Volatile.Read(ref _loads);

    public void Add() => Interlocked.Increment(ref _loads);
}

public sealed class Catalog(LoadCounter counter) : ICatalog
{
    [Cached("5m", "product:<id>", FailSafe = "1h")]
    public Task<Product?> GetAsync(int id)
    {
        counter.Add();
        return Task.FromResult<Product?>(new Product(id, "books", "product " + id));
    }

    // Every policy a read can state, so its line on the cache map page is as long as one gets.
    [Cached("1m", "products:<category>:ids", FailSafe = "1h", SoftTimeout = "100ms", HardTimeout = "2s", RefreshAhead = 0.8, Jitter = "10s", LocalTtl = "30s")]
    public Task<IReadOnlyList<int>> ListAsync(string category)
    {
        counter.Add();
        return Task.FromResult<IReadOnlyList<int>>([1, 2, 3]);
    }

    [Invalidates("product:<id>")]
    [Invalidates("products:<category>:*")]
    public Task SaveAsync(int id, string category) => Task.CompletedTask;
}
