using CachingGen.Benchmarks.Fixtures;
using CachingGen.Storage;
using Castle.DynamicProxy;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using ZiggyCreatures.Caching.Fusion;

namespace CachingGen.Benchmarks.Hit;

/// <summary>
/// A cache hit on the same repository method (one user's 2-row list) through each approach a user would
/// pick. Every cache is warmed in setup; the repository's call counter proves each op is a hit.
/// </summary>
[MemoryDiagnoser]
public class HitPathBenchmarks
{
    private const long UserId = 42;
    private static readonly BalanceQuery Query = new(42, 2);

    // A wallet address, as the Balances sample keys them: a 42-character string.
    private const string Address = "0x52908400098527886E0F7030069857D2E4169EE7";

    private readonly BalanceLookup _direct = new();
    private IBalanceLookup _generated = null!;
    private CachedBalanceLookup _generatedInner = null!;
    private HandWrittenBalanceLookup _handWritten = null!;
    private IBalanceLookup _castle = null!;
    private FusionCache _fusion = null!;
    private HybridCache _hybrid = null!;
    private ServiceProvider _hybridServices = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _generatedInner = new CachedBalanceLookup();
        _generated = new CachedBalanceLookupCachingDecorator(_generatedInner, new CachingGenCache(new InProcessCacheStore()));
        _handWritten = new HandWrittenBalanceLookup(_direct, new MemoryCache(new MemoryCacheOptions()));
        _castle = new ProxyGenerator().CreateInterfaceProxyWithTarget<IBalanceLookup>(_direct, new CachingInterceptor(new MemoryCache(new MemoryCacheOptions())));
        _fusion = new FusionCache(new FusionCacheOptions { DefaultEntryOptions = new FusionCacheEntryOptions { Duration = TimeSpan.FromMinutes(5) } });
        _hybridServices = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider();
        _hybrid = _hybridServices.GetRequiredService<HybridCache>();

        // Warm every cache: from here on, each benchmark op is a hit.
        await Generated();
        await Intercepted();
        await GeneratedTwoParameters();
        await GeneratedMemberPath();
        // A miss and a hit with another string of the same text: the one remembered is not the benchmark's instance, so
        // each hit compares the characters, as a caller passing a string it just read would make it.
        var sameText = new string(Address.AsSpan());
        await _generated.FindByAddressAsync(sameText);
        await _generated.FindByAddressAsync(sameText);
        await HandWritten();
        await Castle();
        await FusionCache();
        await HybridCache();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // One miss per method at warm-up (the interceptor's cache is its own: one more); anything more means a
        // benchmark measured misses.
        if (_generatedInner.Calls != 5)
        {
            throw new InvalidOperationException($"the generated code called the repository {_generatedInner.Calls} times; expected 5 warm-up misses");
        }

        _fusion.Dispose();
        _hybridServices.Dispose();
    }

    [Benchmark(Baseline = true, Description = "direct call (no cache)")]
    public Task<IReadOnlyList<Balance>> Direct() => _direct.FindByUserIdAsync(UserId);

    [Benchmark(Description = "CachingGen generated decorator")]
    public Task<IReadOnlyList<Balance>> Generated() => _generated.FindByUserIdAsync(UserId);

    // A call made on the class itself: the compiler replaces it with the generated interceptor (no container here,
    // so the process's embedded cache), with no interface dispatch in front.
    [Benchmark(Description = "CachingGen interceptor (call on the class)")]
    public Task<IReadOnlyList<Balance>> Intercepted() => _generatedInner.FindByUserIdAsync(UserId);

    [Benchmark(Description = "CachingGen, two-parameter key")]
    public Task<IReadOnlyList<Balance>> GeneratedTwoParameters() => _generated.FindByUserAndTokenAsync(UserId, 2);

    [Benchmark(Description = "CachingGen, member-path key")]
    public Task<IReadOnlyList<Balance>> GeneratedMemberPath() => _generated.FindByQueryAsync(Query);

    [Benchmark(Description = "CachingGen, string key (42-character address)")]
    public Task<IReadOnlyList<Balance>> GeneratedString() => _generated.FindByAddressAsync(Address);

    [Benchmark(Description = "hand-written IMemoryCache")]
    public Task<IReadOnlyList<Balance>> HandWritten() => _handWritten.FindByUserIdAsync(UserId);

    [Benchmark(Description = "Castle DynamicProxy interceptor")]
    public Task<IReadOnlyList<Balance>> Castle() => _castle.FindByUserIdAsync(UserId);

    [Benchmark(Description = "FusionCache GetOrSetAsync")]
    public ValueTask<IReadOnlyList<Balance>> FusionCache()
        => _fusion.GetOrSetAsync<IReadOnlyList<Balance>>($"balance:user:{UserId}", (_, _) => _direct.FindByUserIdAsync(UserId));

    [Benchmark(Description = "HybridCache GetOrCreateAsync")]
    public ValueTask<IReadOnlyList<Balance>> HybridCache()
        => _hybrid.GetOrCreateAsync<IReadOnlyList<Balance>>($"balance:user:{UserId}", async _ => await _direct.FindByUserIdAsync(UserId));
}
