using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp;

namespace CachingGen.Generator.Tests.Infrastructure;

/// <summary>
/// Inputs the generator and the analyzer must survive: half-typed files, random attribute arguments, and the
/// language shapes users write (aliases, global usings, partial/nested/generic classes, records, directives,
/// look-alike attributes). Seeded, so a failure names an input that reproduces.
/// </summary>
internal static class RobustnessCorpus
{
    /// <summary>Every prefix of a real repository file, cut at each token end.</summary>
    public static IEnumerable<(string Name, string[] Sources)> Truncations()
    {
        var source = TestSources.Accounts;
        var tokens = CSharpSyntaxTree.ParseText(source).GetRoot().DescendantTokens().ToList();
        for (var i = 0; i < tokens.Count; i++)
        {
            yield return ($"truncated at token {i}", [source[..tokens[i].Span.End]]);
        }
    }

    /// <summary>The repository file with one attribute's arguments replaced by random text or expressions.</summary>
    public static IEnumerable<(string Name, string[] Sources)> AttributeMutations(int count, int seed)
    {
        var random = new Random(seed);
        var source = TestSources.Accounts;
        var attributes = Regex.Matches(source, @"\[(Cached|Invalidates)\((?<args>[^\]\n]*)\)\]").ToList();
        for (var i = 0; i < count; i++)
        {
            var target = attributes[random.Next(attributes.Count)];
            var args = target.Groups["args"];
            var replacement = RandomArguments(random);
            yield return ($"mutation {i} (seed {seed}): {replacement}", [source[..args.Index] + replacement + source[(args.Index + args.Length)..]]);
        }
    }

    /// <summary>Repository shapes, each also without its usings and with CachingGen brought in other ways.</summary>
    public static IEnumerable<(string Name, string[] Sources)> Shapes()
    {
        foreach (var (name, body) in ShapeBodies())
        {
            yield return (name, [Usings + body]);
            yield return (name + ", no usings", [body]);
            yield return (name + ", global using", ["global using CachingGen;\nglobal using System.Threading.Tasks;\nglobal using System.Collections.Generic;", body]);
            yield return (name + ", aliases", [AliasUsings + body.Replace("[Cached(", "[C(", StringComparison.Ordinal).Replace("[Invalidates(", "[I(", StringComparison.Ordinal)]);
            yield return (name + ", look-alike attributes", [LookAlikes + body]);
            yield return (name + ", inside #if", [Usings + "#if !NEVER\n" + body + "\n#endif\n"]);
            yield return (name + ", inside #if false", [Usings + "#if NEVER\n" + body + "\n#endif\n"]);
            yield return (name + ", block namespace", [Usings + "namespace Block.Ns {\n" + body.Replace("namespace App;", string.Empty, StringComparison.Ordinal) + "\n}"]);
        }
    }

    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using CachingGen;

        """;

    private const string AliasUsings = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using C = CachingGen.CachedAttribute;
        using I = CachingGen.InvalidatesAttribute;

        """;

    // Same simple names as CachingGen's attributes, another namespace: must be ignored, never crash anything.
    private const string LookAlikes = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        namespace Other
        {
            [AttributeUsage(AttributeTargets.All, AllowMultiple = true)]
            public sealed class CachedAttribute(string ttl, string key) : Attribute { }
            [AttributeUsage(AttributeTargets.All, AllowMultiple = true)]
            public sealed class InvalidatesAttribute(string key) : Attribute { }
        }
        namespace App2 { using Other; }

        """;

    private static IEnumerable<(string Name, string Body)> ShapeBodies()
    {
        yield return ("plain", """
            namespace App;
            public interface IRepo { Task<int> GetAsync(long id); Task SaveAsync(long id); }
            public sealed class Repo : IRepo
            {
                [Cached("00:01:00", "k:<id>")] public Task<int> GetAsync(long id) => Task.FromResult(1);
                [Invalidates("k:<id>")] public Task SaveAsync(long id) => Task.CompletedTask;
            }
            """);
        yield return ("partial class in two parts", """
            namespace App;
            public interface IRepo { Task<int> GetAsync(long id); Task SaveAsync(long id); }
            public sealed partial class Repo : IRepo
            {
                [Cached("00:01:00", "k:<id>")] public Task<int> GetAsync(long id) => Task.FromResult(1);
            }
            public sealed partial class Repo
            {
                [Invalidates("k:<id>")] public Task SaveAsync(long id) => Task.CompletedTask;
            }
            """);
        yield return ("nested class", """
            namespace App;
            public static class Outer
            {
                public interface IRepo { Task<int> GetAsync(long id); }
                public sealed class Repo : IRepo
                {
                    [Cached("00:01:00", "k:<id>")] public Task<int> GetAsync(long id) => Task.FromResult(1);
                }
                private sealed class Hidden : IRepo
                {
                    [Cached("00:01:00", "h:<id>")] public Task<int> GetAsync(long id) => Task.FromResult(2);
                }
            }
            """);
        yield return ("generic class and generic interface", """
            namespace App;
            public interface IRepo<T> { Task<T> GetAsync(long id); }
            public sealed class Repo<T> : IRepo<T>
            {
                [Cached("00:01:00", "k:<id>")] public Task<T> GetAsync(long id) => Task.FromResult(default(T)!);
            }
            public sealed class IntRepo : IRepo<int>
            {
                [Cached("00:01:00", "i:<id>")] public Task<int> GetAsync(long id) => Task.FromResult(1);
            }
            """);
        yield return ("record repository", """
            namespace App;
            public interface IRepo { Task<int> GetAsync(long id); }
            public sealed record Repo(int Seed) : IRepo
            {
                [Cached("00:01:00", "k:<id>")] public Task<int> GetAsync(long id) => Task.FromResult(Seed);
            }
            public record struct ValueRepo(int Seed) : IRepo
            {
                [Cached("00:01:00", "v:<id>")] public Task<int> GetAsync(long id) => Task.FromResult(Seed);
            }
            """);
        yield return ("explicit implementation and default interface member", """
            namespace App;
            public interface IRepo { Task<int> GetAsync(long id); int Other(int x) => x; }
            public sealed class Repo : IRepo
            {
                [Cached("00:01:00", "k:<id>")] Task<int> IRepo.GetAsync(long id) => Task.FromResult(1);
            }
            """);
        yield return ("static, abstract and interface-less classes", """
            namespace App;
            public interface IRepo { int Get(int id); }
            public static class S { [Cached("00:01:00", "s:<id>")] public static int Get(int id) => id; }
            public abstract class A : IRepo { [Cached("00:01:00", "a:<id>")] public abstract int Get(int id); }
            public sealed class N { [Cached("00:01:00", "n:<id>")] public int Get(int id) => id; }
            """);
        yield return ("attributes on odd targets", """
            namespace App;
            public interface IRepo { int Value { get; } int Get(int id); }
            public sealed class Repo : IRepo
            {
                public int Value => 1;
                [Cached("00:01:00", "k:<id>")] public int Get([Cached("00:01:00", "p")] int id) => id;
                [Invalidates("k:<x>")] public Repo() { }
                [Cached("00:01:00", "lambda")] public int Local() { [Cached("00:01:00", "l")] int F() => 1; return F(); }
            }
            """);
        yield return ("unusual parameter and return types", """
            namespace App;
            public unsafe interface IRepo { ref int Get(in int id); int* P(int* x); Span<int> S(int id); IAsyncEnumerable<int> E(int id); (int A, string B) T(int id); dynamic D(int id); }
            public sealed unsafe class Repo : IRepo
            {
                private int _x;
                [Cached("00:01:00", "k:<id>")] public ref int Get(in int id) => ref _x;
                [Cached("00:01:00", "p:<x>")] public int* P(int* x) => x;
                [Cached("00:01:00", "s:<id>")] public Span<int> S(int id) => default;
                [Cached("00:01:00", "e:<id>")] public async IAsyncEnumerable<int> E(int id) { await Task.Yield(); yield return id; }
                [Cached("00:01:00", "t:<id>")] public (int A, string B) T(int id) => (id, "");
                [Cached("00:01:00", "d:<id>")] public dynamic D(int id) => id;
            }
            """);
        yield return ("errors in user code around the attributes", """
            namespace App;
            public interface IRepo { Task<Missing> GetAsync(Unknown id); }
            public sealed class Repo : IRepo, INotThere
            {
                [Cached(Ttl, Key)] public Task<Missing> GetAsync(Unknown id) => null;
                [Cached("00:01:00", "k:<id.Deep.Path>", CacheNulls = maybe)] public int Broken(int id) => ;
                [Invalidates()] public void Save() { }
                [Cached] public int NoArgs() => 1;
                [Cached("00:01:00", "a", "extra")] public int TooMany() => 1;
            }
            """);
        yield return ("keyword names and unicode", """
            namespace App;
            public interface IRepo { Task<int> GetAsync(long @class, string ключ); }
            public sealed class Repo : IRepo
            {
                [Cached("00:01:00", "k:<class>:<ключ>:ü€😀")] public Task<int> GetAsync(long @class, string ключ) => Task.FromResult(1);
            }
            """);
    }

    private static string RandomArguments(Random random)
    {
        string[] fragments =
        [
            "<", ">", "<>", "<id", "id>", "<id>", "<userId>", "<ct>", "<order.Customer.Id>", "<order..Id>", "<id.>", "<.id>", "< id>",
            "*", ":", "::", "\\\\", "\\\"", "\\0", "\\u0000", "{0}", "{id}", "$", "ü", "😀", " ", "\\t", "\\n", "account:", "user:",
            "00:01:00", "-00:01:00", "00:00:00", "99999999.00:00:00", "1.00:00:00", "abc", "0", "1e9", "<Id>", "<ID>", "<a>", "<b>",
        ];
        string[] expressions =
        [
            "null", "42", "nameof(id)", "\"a\" + \"b\"", "default", "(string)null", "typeof(int)", "new[] { \"x\" }", "Key", "ttl:", "key: ", "CacheNulls = true",
            "CacheNulls = 3", "$\"k:{1}\"", "@\"k:<id>\"", "\"\"\"k:<id>\"\"\"", "\"unterminated", "\"k\" key:", ",", ", ,", "(", ")",
        ];

        string RandomString()
        {
            var parts = random.Next(0, 6);
            var text = string.Concat(Enumerable.Range(0, parts).Select(_ => fragments[random.Next(fragments.Length)]));
            return "\"" + text + "\"";
        }

        string RandomArgument() => random.Next(4) == 0 ? expressions[random.Next(expressions.Length)] : RandomString();

        var count = random.Next(0, 4);
        return string.Join(", ", Enumerable.Range(0, count).Select(_ => RandomArgument()));
    }
}
