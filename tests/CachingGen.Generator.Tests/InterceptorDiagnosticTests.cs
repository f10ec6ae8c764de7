using System.Globalization;

namespace CachingGen.Generator.Tests;

/// <summary>
/// CG0023–CG0025: each use of an annotated method that neither the decorator nor an interceptor handles says so where
/// it is written; and CG0004/CG0007/CG0008 apply only where interceptors are off.
/// </summary>
public sealed class InterceptorDiagnosticTests
{
    private static readonly string Uses = UserSource.Using("System", "System.Linq", "System.Linq.Expressions", "System.Threading", "System.Threading.Tasks", "Wallets")
        .Class("public static class Uses", """
            public static async Task RunAsync(WalletRepository wallets)
            {
                // USE
            }
            """);

    [Fact]
    public async Task Plain_calls_on_the_class_are_intercepted_and_say_nothing()
    {
        var diagnostics = await AnalyzeAsync("await wallets.GetAsync(1); await wallets.CreditAsync(1, 2m); await wallets.TransferAsync(1, 2, 3m);");

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task A_method_group_of_a_cached_method_is_CG0023_information()
    {
        var diagnostic = await SingleUseAsync("Func<int, CancellationToken, Task<decimal>> read = wallets.GetAsync; await read(1, default);", "CG0023", "wallets.GetAsync");

        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.StartsWith("This use of 'Task<decimal> WalletRepository.GetAsync(int id, CancellationToken ct)' is not cached: a method group made into a delegate", diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_method_group_of_an_invalidating_method_is_a_CG0025_warning()
    {
        var diagnostic = await SingleUseAsync("Func<int, decimal, Task> write = wallets.CreditAsync; await write(1, 2m);", "CG0025", "wallets.CreditAsync");

        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.StartsWith("This use of 'Task WalletRepository.CreditAsync(int id, decimal amount)' does not invalidate its keys", diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_inside_an_expression_tree_is_CG0023()
    {
        var diagnostic = await SingleUseAsync("Expression<Func<WalletRepository, Task<decimal>>> tree = w => w.GetAsync(1, default); await Task.Yield();", "CG0023", "GetAsync(1, default)");

        Assert.EndsWith("it is inside an expression tree, which is data, not a call", diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_in_a_query_clause_over_IQueryable_is_in_an_expression_tree_and_CG0023()
    {
        // The clause is a lambda the compiler writes itself (Queryable.Select takes an Expression): no lambda in the syntax.
        var diagnostic = await SingleUseAsync(
            "var tasks = from id in new[] { 1, 2 }.AsQueryable() select wallets.GetAsync(id, default); await Task.Yield();", "CG0023", "GetAsync(id, default)");

        Assert.EndsWith("it is inside an expression tree, which is data, not a call", diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_opt_out_each_call_on_the_class_says_it_is_not_cached_or_not_invalidating()
    {
        var options = new TestOptionsProvider(new Dictionary<string, string> { ["build_property.CachingGenInterceptors"] = "false" });
        var diagnostics = await AnalyzeAsync("await wallets.GetAsync(1); await wallets.CreditAsync(1, 2m);", options);

        Assert.Equal(["CG0023", "CG0025"], diagnostics.Select(d => d.Id));
        Assert.All(diagnostics, d => Assert.Contains("interceptors are off in this project", d.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_namespace_allowed_each_call_on_the_class_is_a_CG0024_warning()
    {
        var source = Uses.Replace("// USE", "await wallets.GetAsync(1);", System.StringComparison.Ordinal);
        var diagnostics = await GeneratorHarness.AnalyzeAsync(GeneratorHarness.CreateCompilationWithoutInterceptors(InterceptorTests.Wallets, source));

        var diagnostic = Assert.Single(diagnostics, d => d.Id == "CG0024" && d.Location.SourceTree?.FilePath == "Source1.cs");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("GetAsync(1)", DiagnosticAssert.Underlined(diagnostic));
        Assert.Contains("add CachingGen.Generated to <InterceptorsNamespaces>", diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_private_method_called_by_its_class_is_CG0023_with_what_to_change()
    {
        string source = UserSource.Using("System.Threading.Tasks", "CachingGen")
            .Class("public sealed class Prices", """
                [Cached("1m", "price:<id>")]
                private Task<decimal> LoadAsync(int id) => Task.FromResult(1m);

                public Task<decimal> GetAsync(int id) => LoadAsync(id);
                """);
        var diagnostic = Assert.Single(await GeneratorHarness.AnalyzeAsync(source), d => d.Id == "CG0023");

        Assert.Equal("LoadAsync(id)", DiagnosticAssert.Underlined(diagnostic));
        Assert.EndsWith("make it internal or public", diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_attribute_that_can_have_no_effect_is_a_CG0031_warning_on_the_method()
    {
        string source = UserSource.Using("System.Threading.Tasks", "CachingGen").Interface("IPrices", "Task<decimal> ExplicitAsync(int id);")
            .Class("public class Prices : IPrices", """
                [Cached("1m", "price:<id>")]
                private Task<decimal> LoadAsync(int id) => Task.FromResult(1m);

                [Invalidates("price:<id>")]
                protected Task SaveAsync(int id) => Task.CompletedTask;

                [Cached("1m", "explicit:<id>")]
                Task<decimal> IPrices.ExplicitAsync(int id) => Task.FromResult(1m);

                [Cached("1m", "public:<id>")]
                public Task<decimal> PublicAsync(int id) => Task.FromResult(1m);

                public Task<decimal> GetAsync(int id) => LoadAsync(id);

                private static class Hidden { [Cached("1m", "h:<id>")] public static int Get(int id) => id; }
                """);
        // Concurrent analysis reports in any order: in source order, as an IDE lists them.
        var diagnostics = (await GeneratorHarness.AnalyzeAsync(source)).Where(d => d.Id == "CG0031").OrderBy(d => d.Location.SourceSpan.Start).ToList();

        Assert.Equal(["LoadAsync", "SaveAsync", "Get"], diagnostics.Select(DiagnosticAssert.Underlined));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.StartsWith("[Cached] on 'Task<decimal> Prices.LoadAsync(int id)' has no effect: it is private or protected", diagnostics[0].GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.StartsWith("[Invalidates] on", diagnostics[1].GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Contains("its class 'Hidden' is private or protected", diagnostics[2].GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.EndsWith("docs/diagnostics/CG0031.md", diagnostics[0].Descriptor.HelpLinkUri, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Static_methods_and_classes_without_interfaces_are_valid_with_interceptors_and_errors_without()
    {
        var source = """
            using System.Threading.Tasks;
            using CachingGen;
            public static class Rates
            {
                [Cached("1m", "rate:<currency>")]
                public static Task<decimal> GetAsync(string currency) => Task.FromResult(1m);
            }

            public sealed class Prices
            {
                [Cached("1m", "price:<id>")]
                public Task<decimal> GetAsync(int id) => Task.FromResult(1m);
            }
            """;

        Assert.Empty(await GeneratorHarness.AnalyzeAsync(source));
        var without = await GeneratorHarness.AnalyzeAsync(source, interceptors: false);
        Assert.Equal(["CG0004", "CG0007", "CG0008"], without.Select(d => d.Id).Order());
        Assert.All(without, d => Assert.Contains("interceptors are off in this project", d.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal));
    }

    [Fact]
    public void Unusual_shapes_generate_code_that_compiles()
    {
        // A keyword-named method, a static overload taking its own (nullable) class, a private nested static class
        // and a file-local class: each either intercepted with valid code or left alone, never a broken build.
        var source = """
            using CachingGen;
            namespace Shapes;
            public sealed class Keywords
            {
                [Cached("1m", "k:<id>")] public int @event(int id) => id;
                [Cached("1m", "g:<id>")] public int Get(int id) => id;
                [Cached("1m", "s:<id>")] public static int Get(Keywords? owner, int id) => id;
                public int Calls(Keywords? other) => @event(1) + this.@event(2) + Get(3) + Get(other, 4) + Keywords.Get(null, 5);
            }

            public sealed class Outer
            {
                private static class Hidden { [Cached("1m", "h:<id>")] public static int Get(int id) => id; }
                public int Call() => Hidden.Get(1);
            }

            file static class Local { [Cached("1m", "l:<id>")] public static int Get(int id) => id; }
            public static class UsesLocal { public static int Call() => Local.Get(1); }
            """;
        var compilation = GeneratorHarness.CreateCompilation(source);
        var (_, output) = GeneratorHarness.Run(compilation);

        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && !d.Id.StartsWith("CG", System.StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var generated = string.Join("\n", output.SyntaxTrees.Select(t => t.ToString()));
        Assert.Contains("@event(this global::Shapes.Keywords repository", generated, System.StringComparison.Ordinal);
        Assert.Contains("Get_Static(global::Shapes.Keywords? owner", generated, System.StringComparison.Ordinal);
    }

    /// <summary>The one diagnostic on <paramref name="use"/>: <paramref name="id"/>, underlining <paramref name="underlined"/>.</summary>
    private static async Task<Diagnostic> SingleUseAsync(string use, string id, string underlined)
    {
        var diagnostic = Assert.Single(await AnalyzeAsync(use));
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(underlined, DiagnosticAssert.Underlined(diagnostic));
        return diagnostic;
    }

    private static async Task<List<Diagnostic>> AnalyzeAsync(string use, TestOptionsProvider? options = null)
    {
        var compilation = GeneratorHarness.CreateCompilation(InterceptorTests.Wallets, Uses.Replace("// USE", use, System.StringComparison.Ordinal));
        var diagnostics = await GeneratorHarness.AnalyzeAsync(compilation, options);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics.Where(d => d.Location.SourceTree?.FilePath == "Source1.cs").OrderBy(d => d.Location.SourceSpan.Start).ToList();
    }
}
