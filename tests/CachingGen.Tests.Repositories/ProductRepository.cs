using System.Threading;
using System.Threading.Tasks;
using CachingGen;

namespace CachingGen.Tests.Repositories;

public interface IProductRepository
{
    Task<string> NameAsync(int id, CancellationToken ct = default);

    int Calls { get; }
}

/// <summary>Counts calls, with a dependency of its own that the container must still supply.</summary>
public sealed class ProductRepository(ProductClock clock) : IProductRepository
{
    private int _calls;

    public int Calls => _calls;

    [Cached("00:10:00", "product:<id>")]
    public Task<string> NameAsync(int id, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult($"product {id} at {clock.Now}");
    }
}

public sealed class ProductClock
{
    public int Now { get; set; } = 1;
}
