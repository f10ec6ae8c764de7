using CachingGen.Storage;

namespace CachingGen.Generator.Tests;

/// <summary>Shapes the robustness corpus found broken once, compiled and run.</summary>
public sealed class LanguageShapeTests
{
    [Fact]
    public async System.Threading.Tasks.Task Explicit_interface_implementation_is_decorated_and_cached()
    {
        var assembly = GeneratorHarness.CompileAndLoad(UserSource.Using("System.Threading.Tasks", "CachingGen").Namespace("App")
            .Repository("IRepo", "Task<int> GetAsync(long id);", """
                public int Calls;
                [Cached("00:01:00", "k:<id>")]
                Task<int> IRepo.GetAsync(long id) => Task.FromResult(++Calls);
                """));
        var (inner, decorator) = DecorateRepo(assembly);
        var get = assembly.GetType("App.IRepo")!.GetMethod("GetAsync")!;

        var first = await (System.Threading.Tasks.Task<int>)get.Invoke(decorator, [7L])!;
        var second = await (System.Threading.Tasks.Task<int>)get.Invoke(decorator, [7L])!;

        Assert.Equal(1, first);
        Assert.Equal(1, second);
        Assert.Equal(1, Count(inner, "Calls"));
    }

    [Fact]
    public async System.Threading.Tasks.Task Override_of_a_base_class_method_that_implements_the_interface_is_decorated()
    {
        var assembly = GeneratorHarness.CompileAndLoad(UserSource.Using("System.Threading.Tasks", "CachingGen").Namespace("App").Interface("IRepo", "Task<int> GetAsync(long id);")
            .Class("public class RepoBase : IRepo", """
                public int Calls;
                public virtual Task<int> GetAsync(long id) => Task.FromResult(++Calls);
                """)
            .Class("public sealed class Repo : RepoBase", """
                [Cached("00:01:00", "k:<id>")]
                public override Task<int> GetAsync(long id) => base.GetAsync(id);
                """));
        var (inner, decorator) = DecorateRepo(assembly);
        var get = assembly.GetType("App.IRepo")!.GetMethod("GetAsync")!;

        await (System.Threading.Tasks.Task<int>)get.Invoke(decorator, [3L])!;
        await (System.Threading.Tasks.Task<int>)get.Invoke(decorator, [3L])!;

        Assert.Equal(1, Count(inner, "Calls"));
    }

    [Fact]
    public async System.Threading.Tasks.Task Explicit_implementation_wins_over_an_annotated_public_method_of_the_same_signature()
    {
        // Calls through IRepo run the explicit implementation, so the [Cached] public method is not what the
        // decorator may cache for IRepo.GetAsync: it forwards it, and caches OtherAsync.
        var assembly = GeneratorHarness.CompileAndLoad(UserSource.Using("System.Threading.Tasks", "CachingGen").Namespace("App")
            .Repository("IRepo", "Task<int> GetAsync(long id); Task<int> OtherAsync(long id);", """
                public int Calls;
                public int OtherCalls;
                [Cached("00:01:00", "get:<id>")]
                public Task<int> GetAsync(long id) => Task.FromResult(-1);
                Task<int> IRepo.GetAsync(long id) => Task.FromResult(++Calls);
                [Cached("00:01:00", "other:<id>")]
                public Task<int> OtherAsync(long id) => Task.FromResult(++OtherCalls);
                """));
        var (inner, decorator) = DecorateRepo(assembly);
        var get = assembly.GetType("App.IRepo")!.GetMethod("GetAsync")!;
        var other = assembly.GetType("App.IRepo")!.GetMethod("OtherAsync")!;

        Assert.Equal(1, await (System.Threading.Tasks.Task<int>)get.Invoke(decorator, [1L])!);
        Assert.Equal(2, await (System.Threading.Tasks.Task<int>)get.Invoke(decorator, [1L])!);
        await (System.Threading.Tasks.Task<int>)other.Invoke(decorator, [1L])!;
        await (System.Threading.Tasks.Task<int>)other.Invoke(decorator, [1L])!;
        Assert.Equal(1, Count(inner, "OtherCalls"));
    }

    [Fact]
    public async System.Threading.Tasks.Task Implementation_matched_by_the_language_not_by_exact_signature_is_still_cached()
    {
        // object in the interface, dynamic in the class: the same signature to the language, not to symbol
        // equality, so this goes through Roslyn's interface map rather than the name-and-signature shortcut.
        var assembly = GeneratorHarness.CompileAndLoad(UserSource.Using("System.Collections.Generic", "System.Threading.Tasks", "CachingGen").Namespace("App")
            .Repository("IRepo", "Task<IReadOnlyList<object>> GetAsync(long id);", """
                public int Calls;
                [Cached("00:01:00", "k:<id>")]
                public Task<IReadOnlyList<dynamic>> GetAsync(long id) { Calls++; return Task.FromResult<IReadOnlyList<dynamic>>(new object[] { id }); }
                """));
        var (inner, decorator) = DecorateRepo(assembly);
        var get = assembly.GetType("App.IRepo")!.GetMethod("GetAsync")!;

        await (System.Threading.Tasks.Task<System.Collections.Generic.IReadOnlyList<object>>)get.Invoke(decorator, [4L])!;
        await (System.Threading.Tasks.Task<System.Collections.Generic.IReadOnlyList<object>>)get.Invoke(decorator, [4L])!;

        Assert.Equal(1, Count(inner, "Calls"));
    }

    [Fact]
    public void Template_with_control_characters_generates_compilable_comments()
    {
        var source = "using CachingGen;\nnamespace App;\npublic interface IRepo { int Get(int id); }\npublic sealed class Repo : IRepo\n{\n    [Cached(\"00:01:00\", \"line\\nbreak\\u0000\\u2028:<id>\")]\n    public int Get(int id) => id;\n}\n";

        var assembly = GeneratorHarness.CompileAndLoad(source);

        var keys = assembly.GetTypes().Single(t => t.Name == "RepoCacheKeys");
        var key = (string)keys.GetMethods().Single(m => m.ReturnType == typeof(string) && m.GetParameters().Length == 1).Invoke(null, [5])!;
        Assert.Equal("line\nbreak\0\u2028:5", key);
    }

    /// <summary>An App.Repo from <paramref name="assembly"/> and its generated decorator over an in-process cache.</summary>
    private static (object Inner, object Decorator) DecorateRepo(System.Reflection.Assembly assembly)
    {
        var inner = Activator.CreateInstance(assembly.GetType("App.Repo")!)!;
        return (inner, GeneratorHarness.CreateDecorator(assembly, "RepoCachingDecorator", inner, new CachingGenCache(new InProcessCacheStore())));
    }

    /// <summary>How many times the repository's counting field says it was called.</summary>
    private static int Count(object inner, string field) => (int)inner.GetType().GetField(field)!.GetValue(inner)!;
}
