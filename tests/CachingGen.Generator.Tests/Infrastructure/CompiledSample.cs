using System.Reflection;
using CachingGen.Diagnostics;
using CachingGen.Generator.Tests.Contracts;
using CachingGen.Infrastructure;
using CachingGen.Storage;
using Microsoft.Extensions.Time.Testing;

namespace CachingGen.Generator.Tests.Infrastructure;

/// <summary>The sample repositories compiled once with the generator and loaded, shared by a test class.</summary>
public sealed class CompiledSample
{
    public CompiledSample() => Assembly = GeneratorHarness.CompileAndLoad(TestSources.Accounts);

    public Assembly Assembly { get; }

    public Fixture<IAccounts> Accounts(ICacheStore? store = null) => Create<IAccounts>("AccountsRepository", store);

    public Fixture<IOrders> Orders(ICacheStore? store = null) => Create<IOrders>("OrdersRepository", store);

    /// <summary>Calls a generated public key builder, such as <c>AccountsRepositoryCacheKeys.AccountId(5)</c>.</summary>
    public string Key(string repository, string builder, params object?[] args)
    {
        var type = Assembly.GetType($"Sample.Data.{repository}CacheKeys", throwOnError: true)!;
        var method = type.GetMethods().Single(m => m.Name == builder && m.ReturnType == typeof(string) && m.GetParameters().Length == args.Length);
        return (string)method.Invoke(null, args)!;
    }

    private Fixture<T> Create<T>(string repository, ICacheStore? store)
    {
        var backend = new SampleBackend();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        store ??= new InProcessCacheStore(new InProcessCacheStoreOptions { TimeProvider = time });
        var inner = Activator.CreateInstance(Assembly.GetType($"Sample.Data.{repository}", throwOnError: true)!, backend)!;
        var cache = new CachingGenCache(store);
        var decorator = GeneratorHarness.CreateDecorator(Assembly, repository + "CachingDecorator", inner, cache);
        return new Fixture<T>((T)decorator, backend, time, store, cache);
    }

    public sealed record Fixture<T>(T Repository, SampleBackend Backend, FakeTimeProvider Time, ICacheStore Store, CachingGenCache Cache)
    {
        /// <summary>The generated descriptor (the policy) of one method, read from the decorator's static field.</summary>
        public CacheMethod Descriptor(string fieldName)
            => (CacheMethod)Repository!.GetType().GetField(fieldName, BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;

        /// <summary>This fixture's cache's counters of one method now (zeros before its first call).</summary>
        public CacheMethodStatistics Method(string fieldName)
        {
            var descriptor = Descriptor(fieldName);
            return Cache.Statistics.GetSnapshot().SingleOrDefault(s => s.Method == descriptor.Method && s.KeyTemplate == descriptor.KeyTemplate)
                ?? new CacheMethodStatistics(descriptor.Method, descriptor.KeyTemplate, descriptor.Kind, 0, 0, 0, 0);
        }
    }
}
