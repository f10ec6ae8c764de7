using System.Threading;
using CachingGen.Generator.Parsing;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Tests;

/// <summary>
/// The generator finds most calls' targets from declarations (<see cref="CallTargetResolver"/>) instead of binding
/// method bodies. A wrong answer would put an interceptor on the wrong call (a compile error) or miss one (an
/// uncached call), so on every call of a corpus of tricky shapes, whenever it answers, it must agree with the
/// compiler's own binding.
/// </summary>
public sealed class CallTargetResolverTests
{
    private const string Corpus = """
        using System;
        using System.Linq;
        using System.Linq.Expressions;
        using System.Threading.Tasks;
        using CachingGen;
        using R = Shop.Products;
        namespace Shop;

        public interface IProducts { Task<int> GetAsync(int id); }

        public class Products : IProducts
        {
            [Cached("1m", "p:<id>")] public Task<int> GetAsync(int id) => Task.FromResult(id);
            [Cached("1m", "n:<name>")] public Task<int> FindAsync(string name, int limit = 10) => Task.FromResult(limit);
            [Invalidates("p:<id>")] public void Save(int id) { }
            [Cached("1m", "o:<id>")] public int Over(int id) => id;
            [Cached("1m", "o:<name>")] public int Over(string name) => 0;
            [Cached("1m", "s:<id>")] public static int Static(int id) => id;
            [Cached("1m", "v:<id>")] public virtual int Virtual(int id) => id;
            public int Plain(int id) => id;

            public int SelfCalls()
            {
                var a = GetAsync(1).Result + this.GetAsync(2).Result + FindAsync("x").Result + FindAsync(limit: 3, name: "y").Result;
                Save(1);
                this.Save(2);
                return a + Over(1) + Over("x") + Static(1) + Products.Static(2) + Virtual(3) + Plain(4);
            }

            public int Shadowed(Products products)
            {
                int GetAsync(int id) => id;          // a local function wins over the member
                return GetAsync(5);
            }

            public int Delegate(Func<int, int> Over) => Over(1);   // a parameter holding a delegate wins over the member

            public int Query() => (from Static in new[] { 1 } select Static).Sum() + Static(2);
        }

        public sealed class Derived : Products
        {
            [Cached("1m", "d:<id>")] public override int Virtual(int id) => id + 1;
            public int Calls() => Virtual(1) + base.Virtual(2) + GetAsync(3).Result;
        }

        public sealed class Color { [Cached("1m", "c:<id>")] public int Get(int id) => id; [Cached("1m", "cs:<id>")] public static int Make(int id) => id; }

        public sealed class Consumer(Products primary)
        {
            private readonly Products _field = new();
            private Products Property { get; } = new();
            private IProducts _interface = new Products();
            private Color Color = new();

            public async Task<int> Run(Products parameter, Products? nullable, R alias, global::Shop.Products qualified, Shop.Products dotted)
            {
                var total = await parameter.GetAsync(1) + await _field.GetAsync(2) + await Property.GetAsync(3) + await primary.GetAsync(4);
                total += await _interface.GetAsync(5) + await nullable!.GetAsync(6) + await alias.GetAsync(7) + await qualified.GetAsync(8) + await dotted.GetAsync(9);
                total += Products.Static(1) + global::Shop.Products.Static(2) + Shop.Products.Static(3) + Color.Get(4) + Color.Make(5);
                Func<Products, Task<int>> lambda = parameter => parameter.FindAsync("z");   // a lambda's parameter shadows
                var local = new Products();
                total += await local.GetAsync(10);
                Expression<Func<Products, int>> tree = p => p.Plain(1);
                total += parameter.Extension("x") + parameter.Over(1);
                return total + await lambda(parameter);
            }

            public static int StaticContext(Products parameter) => parameter.Over("y") + parameter.Plain(2);

            // FindAsync(string, int = 10) does not take an int: the extension below does, and wins.
            public static Task<int> ViaExtension(Products parameter) => parameter.FindAsync(5);

            public class Nested
            {
                public int Outer(Products products) => products.Virtual(1);
            }
        }

        public static class ProductExtensions
        {
            // Same name as an annotated method, other arguments: the instance method does not apply, this one does.
            public static int Extension(this Products products, string name) => 0;
            public static int GetAsync(this Products products, string name, string other) => 0;
            public static Task<int> FindAsync(this Products products, int code) => Task.FromResult(code);
        }

        public interface IRepoHolder { }

        public sealed class PrimaryAndField(Products repo) : IRepoHolder
        {
            // A field named like the primary constructor's parameter: inside methods the field wins.
            private readonly IProducts repo = repo;
            public Task<int> Read() => repo.GetAsync(1);
        }

        public sealed class ExtensionCaller
        {
            public int Call(Products products) => products.GetAsync("a", "b");
        }
        """;

    [Fact]
    public void Every_answer_agrees_with_the_compilers_binding()
    {
        var compilation = GeneratorHarness.CreateCompilation(Corpus);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var resolver = new CallTargetResolver(model, CancellationToken.None);

        var answered = 0;
        var annotated = 0;
        foreach (var invocation in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            var resolution = resolver.Resolve(invocation);
            if (!resolution.Known)
            {
                continue;
            }

            answered++;
            var bound = model.GetSymbolInfo(invocation).Symbol as IMethodSymbol;
            var expected = bound is not null && InterceptionRules.IsAnnotatedClassMethod(bound) && bound.ReducedFrom is null ? bound.OriginalDefinition : null;
            if (resolution.Method is null)
            {
                Assert.True(expected is null, $"'{invocation}' was said to call no annotated method, but binds to {bound}");
                continue;
            }

            annotated++;
            Assert.True(SymbolEqualityComparer.Default.Equals(resolution.Method.OriginalDefinition, expected), $"'{invocation}' was resolved to {resolution.Method}, but binds to {bound}");
        }

        // The resolver must still answer the plain shapes (this corpus puts extension methods named like GetAsync and
        // FindAsync in scope on purpose, which sends those calls to binding), or the generator binds bodies after all.
        Assert.True(answered >= 12 && annotated >= 6, $"{answered} calls answered, {annotated} annotated");
    }

    private const string Unfit = """
        using System.Threading.Tasks;
        using CachingGen;

        namespace Shop
        {
            public class Products
            {
                [Cached("1m", "p:<id>:<extra>")] public Task<int> GetAsync(int id, int extra) => Task.FromResult(id);
                [Cached("1m", "s:<id>")] public static int Static(int id) => id;
                [Cached("1m", "a:<ids>")] public int All(params int[] ids) => 0;
                [Cached("1m", "v:<id>")] public int Vararg(int id, __arglist) => id;

                public int Self() => GetAsync(1).Result;
            }

            public sealed class Consumer(Products products)
            {
                public async Task<int> Run()
                {
                    var total = await products.GetAsync(1);                    // a parameter added: too few arguments
                    total += await products.GetAsync(1, 2, 3);                 // too many
                    total += await products.GetAsync(id: 1, other: 2);         // a name it has no parameter for
                    total += Products.Static(1, 2);                            // a static method, too many
                    total += products.All(1, 2, 3);                            // params: takes any count, binds
                    total += products.Vararg(1, __arglist(2, 3));              // __arglist is not among its parameters, yet binds
                    return total;
                }
            }
        }

        namespace Shop.Extended
        {
            public static class GetAsyncExtensions
            {
                public static Task<int> GetAsync(this Products products, int a, int b, int c, int d) => Task.FromResult(a);
            }

            public sealed class WithExtension(Products products)
            {
                public int Call() => products.GetAsync(1, 2, 3, 4).Result;
            }
        }
        """;

    [Fact]
    public void A_call_the_one_method_cannot_take_is_known_not_intercepted_without_binding_unless_an_extension_could_take_it()
    {
        var compilation = GeneratorHarness.CreateCompilation(Unfit);
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var resolver = new CallTargetResolver(model, CancellationToken.None);
        var calls = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>().ToDictionary(i => i.ToString());

        foreach (var text in new[] { "GetAsync(1)", "products.GetAsync(1)", "products.GetAsync(1, 2, 3)", "products.GetAsync(id: 1, other: 2)", "Products.Static(1, 2)" })
        {
            var resolution = resolver.Resolve(calls[text]);
            Assert.True(resolution.Known && resolution.Method is null, $"'{text}' should be known to call no annotated method");
            // The compiler agrees: no method, an error at the call.
            Assert.Null(model.GetSymbolInfo(calls[text]).Symbol);
            Assert.Contains(model.GetDiagnostics(calls[text].Span), d => d.Severity == DiagnosticSeverity.Error);
        }

        // A params method can take any count, and an extension of that name in scope may take the arguments: binding decides.
        Assert.False(resolver.Resolve(calls["products.All(1, 2, 3)"]).Known && resolver.Resolve(calls["products.All(1, 2, 3)"]).Method is null);
        Assert.False(resolver.Resolve(calls["products.Vararg(1, __arglist(2, 3))"]).Known && resolver.Resolve(calls["products.Vararg(1, __arglist(2, 3))"]).Method is null);
        Assert.Equal("Vararg", (model.GetSymbolInfo(calls["products.Vararg(1, __arglist(2, 3))"]).Symbol as IMethodSymbol)?.Name);
        Assert.False(resolver.Resolve(calls["products.GetAsync(1, 2, 3, 4)"]).Known);
        Assert.Equal("GetAsyncExtensions", (model.GetSymbolInfo(calls["products.GetAsync(1, 2, 3, 4)"]).Symbol as IMethodSymbol)?.ContainingType.Name);
    }
}
