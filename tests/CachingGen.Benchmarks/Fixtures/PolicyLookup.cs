using System.Threading;

namespace CachingGen.Benchmarks.Fixtures;

/// <summary>The reads of <see cref="IPolicyLookup"/>: keys of one length and shape, one policy each. Counts its calls.</summary>
public sealed class PolicyLookup : IPolicyLookup
{
    private static readonly IReadOnlyList<Balance> Rows = [new(1, 42, 1, 10.5m), new(2, 42, 2, 99.25m)];
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    [Cached("00:05:00", "plain:user:<userId>")]
    public Task<IReadOnlyList<Balance>> PlainAsync(long userId) => Load();

    [Cached("00:05:00", "fails:user:<userId>", FailSafe = "1h", Jitter = "5s")]
    public Task<IReadOnlyList<Balance>> FailSafeAsync(long userId) => Load();

    [Cached("00:05:00", "ahead:user:<userId>", RefreshAhead = 0.8)]
    public Task<IReadOnlyList<Balance>> RefreshAheadAsync(long userId) => Load();

    private Task<IReadOnlyList<Balance>> Load()
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(Rows);
    }
}
