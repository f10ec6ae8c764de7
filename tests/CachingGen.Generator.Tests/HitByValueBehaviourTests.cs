using System.Reflection;
using CachingGen.Storage;

namespace CachingGen.Generator.Tests;

/// <summary>
/// Keys whose values fit in two longs (two integers, a GUID) or are one string are looked up by their values first:
/// compiled and run, a repeat hit returns what the key would, another value never gets it, and the write that
/// invalidates the key ends it.
/// </summary>
public sealed class HitByValueBehaviourTests
{
    private const string Repository = """
        public int Calls;
        [Cached("00:01:00", "pair:<a>:<b>")]
        public Task<string> PairAsync(int a, long b) => Task.FromResult($"{a}/{b} #{++Calls}");
        [Invalidates("pair:<a>:<b>")]
        public Task ChangeAsync(int a, long b) => Task.CompletedTask;
        [Cached("00:01:00", "guid:<id>")]
        public string ByGuid(Guid id) => $"{id:N} #{++Calls}";
        [Cached("00:01:00", "name:<name>")]
        public string ByName(string name) => $"{name} #{++Calls}";
        [Cached("00:01:00", "unsigned:<id>")]
        public string ByUnsigned(ulong id) => $"{id} #{++Calls}";
        [Invalidates("name:<name>")]
        public void Rename(string name) { }
        [Cached("00:01:00", "named:<name>:<id>")]
        public string ByNameAndId(string name, int id) => $"{name}/{id} #{++Calls}";
        """;

    private const string Contract = "Task<string> PairAsync(int a, long b); Task ChangeAsync(int a, long b); string ByGuid(Guid id); string ByName(string name); string ByUnsigned(ulong id); void Rename(string name); string ByNameAndId(string name, int id);";

    private static string Source => UserSource.Using("System", "System.Threading.Tasks", "CachingGen").Namespace("App").Repository("IRepo", Contract, Repository);

    [Fact]
    public void Keys_of_two_integers_a_GUID_or_one_string_are_looked_up_by_value_and_ulongs_and_a_string_with_others_are_not()
    {
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Source));
        var decorator = result.Results.Single().GeneratedSources.Single(s => s.HintName.Contains("Repo.CachingGen", StringComparison.Ordinal)).SourceText.ToString();

        Assert.Contains("TryGetLocalByValue<string>(_cache, s_pairAsync, a, b, out var entry)", decorator, StringComparison.Ordinal);
        Assert.Contains("TryGetLocalByValue<string>(_cache, s_byGuid, id, out var entry)", decorator, StringComparison.Ordinal);
        Assert.Contains("TryGetLocalByValue<string>(_cache, s_byName, name, out var entry)", decorator, StringComparison.Ordinal);
        Assert.DoesNotContain("TryGetLocalByValue<string>(_cache, s_byNameAndId", decorator, StringComparison.Ordinal);
        // ulong values above long.MaxValue would meet negative longs of an overload sharing the descriptor.
        Assert.DoesNotContain("TryGetLocalByValue<string>(_cache, s_byUnsigned", decorator, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_of_two_integers_serves_each_pair_its_own_value_until_its_write()
    {
        var (inner, repo) = Decorate();
        var pair = Method("PairAsync");

        Assert.Equal("1/2 #1", await Call(repo, pair, 1, 2L));
        Assert.Equal("1/2 #1", await Call(repo, pair, 1, 2L));
        Assert.Equal("1/2 #1", await Call(repo, pair, 1, 2L));
        Assert.Equal("2/1 #2", await Call(repo, pair, 2, 1L));
        Assert.Equal("2/1 #2", await Call(repo, pair, 2, 1L));
        Assert.Equal("1/3 #3", await Call(repo, pair, 1, 3L));

        await (Task)Method("ChangeAsync").Invoke(repo, [1, 2L])!;

        Assert.Equal("1/2 #4", await Call(repo, pair, 1, 2L));
        Assert.Equal("1/2 #4", await Call(repo, pair, 1, 2L));
        Assert.Equal("2/1 #2", await Call(repo, pair, 2, 1L));
        Assert.Equal(4, (int)inner.GetType().GetField("Calls")!.GetValue(inner)!);
    }

    [Fact]
    public void A_GUID_key_serves_each_GUID_its_own_value()
    {
        var (inner, repo) = Decorate();
        var byGuid = Method("ByGuid");
        var first = Guid.Parse("00000000-0000-0000-0000-000000000001");
        var second = Guid.Parse("00000000-0000-0001-0000-000000000000");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("00000000000000000000000000000001 #1", byGuid.Invoke(repo, [first]));
            Assert.Equal("00000000000000010000000000000000 #2", byGuid.Invoke(repo, [second]));
        }

        Assert.Equal(2, (int)inner.GetType().GetField("Calls")!.GetValue(inner)!);
    }

    [Fact]
    public void A_string_key_serves_each_string_its_own_value_until_its_write_and_null_takes_the_ordinary_path()
    {
        var (inner, repo) = Decorate();
        var byName = Method("ByName");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("sku-1 #1", byName.Invoke(repo, ["sku-1"]));
            Assert.Equal("SKU-1 #2", byName.Invoke(repo, ["SKU-1"]));
            // Escaped in the key text ("name:a\:b"), and never the entry of "a" or of "a:b" spelled otherwise.
            Assert.Equal("a:b #3", byName.Invoke(repo, ["a:b"]));
            Assert.Equal(" #4", byName.Invoke(repo, [null]));
        }

        Method("Rename").Invoke(repo, ["sku-1"]);

        Assert.Equal("sku-1 #5", byName.Invoke(repo, ["sku-1"]));
        Assert.Equal("sku-1 #5", byName.Invoke(repo, ["sku-1"]));
        Assert.Equal("SKU-1 #2", byName.Invoke(repo, ["SKU-1"]));
        Assert.Equal(5, (int)inner.GetType().GetField("Calls")!.GetValue(inner)!);
    }

    // Compiled once for the class: each test makes its own repository and cache from it.
    private static readonly Lazy<Assembly> s_assembly = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static Assembly Assembly => s_assembly.Value;

    private static MethodInfo Method(string name) => Assembly.GetType("App.IRepo")!.GetMethod(name)!;

    private static Task<string> Call(object repo, MethodInfo method, params object[] arguments) => (Task<string>)method.Invoke(repo, arguments)!;

    private static (object Inner, object Decorator) Decorate()
    {
        var inner = Activator.CreateInstance(Assembly.GetType("App.Repo")!)!;
        return (inner, GeneratorHarness.CreateDecorator(Assembly, "RepoCachingDecorator", inner, new CachingGenCache(new InProcessCacheStore())));
    }
}
