using System.Globalization;
using CachingGen.Generator.Pipelines;

namespace CachingGen.Generator.Tests;

/// <summary>
/// A bug in the generator is visible (CG0017 at the method it could not process) without taking the build down:
/// no exception, no CS8785, and everything else still generated. The failure is injected through an internal hook,
/// keyed by names no other test uses, so tests running in parallel are unaffected (the interceptor pipeline's hooks
/// belong to the test's own generator instance).
/// </summary>
public sealed class GeneratorFailureTests
{
    private static readonly string Source = UserSource.Using("System.Threading.Tasks", "CachingGen").Namespace("App")
        .Interface("IFaultA", "Task<int> GetAsync(int id); Task<int> InjectedFaultAsync(int id);")
        .Class("public sealed class FaultARepository : IFaultA", """
            [Cached("00:01:00", "fa:<id>")] public Task<int> GetAsync(int id) => Task.FromResult(id);
            [Cached("00:01:00", "fa:f:<id>")] public Task<int> InjectedFaultAsync(int id) => Task.FromResult(id);
            """)
        .Interface("IFaultB", "string Get(string name);")
        .Class("public sealed class FaultBRepository : IFaultB", """
            [Cached("00:01:00", "fb:<name>")] public string Get(string name) => name;
            """);

    [Fact]
    public void A_method_the_transform_fails_on_is_reported_at_the_method_and_everything_else_is_generated()
    {
        var (diagnostics, output, exception) = RunWithFault(transform: name => name == "InjectedFaultAsync", emit: null);

        Assert.Null(exception);
        Assert.DoesNotContain(diagnostics, d => d.Id == "CS8785");
        var failure = Assert.Single(diagnostics, d => d.Id == "CG0017");
        Assert.Equal(DiagnosticSeverity.Warning, failure.Severity);
        Assert.Equal("Source0.cs", failure.Location.GetLineSpan().Path);
        Assert.Equal(Source.IndexOf("InjectedFaultAsync(int id) =>", StringComparison.Ordinal), failure.Location.SourceSpan.Start);
        Assert.Equal("InjectedFaultAsync".Length, failure.Location.SourceSpan.Length);
        Assert.Equal(
            "'Task<int> FaultARepository.InjectedFaultAsync(int id)' is not cached: CachingGen could not process it (InvalidOperationException: Injected transform failure for 'InjectedFaultAsync'.). Please report this bug.",
            failure.GetMessage(CultureInfo.InvariantCulture));

        // The failing method is forwarded uncached; its class's other method and the other class are still decorated.
        var generated = string.Join("\n", output.SyntaxTrees.Select(t => t.ToString()));
        Assert.Contains("s_getAsync", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("s_injectedFaultAsync", generated, StringComparison.Ordinal);
        Assert.Contains("global::App.IFaultA.InjectedFaultAsync(int id) => _inner.InjectedFaultAsync(id);", generated, StringComparison.Ordinal);
        Assert.Contains("class FaultBRepositoryCachingDecorator", generated, StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void A_class_whose_file_fails_to_emit_is_reported_for_each_method_and_left_unregistered()
    {
        var (diagnostics, output, exception) = RunWithFault(transform: null, emit: name => name == "FaultARepository");

        Assert.Null(exception);
        Assert.DoesNotContain(diagnostics, d => d.Id == "CS8785");
        var failures = diagnostics.Where(d => d.Id == "CG0017").ToList();
        Assert.Equal(2, failures.Count);
        Assert.All(failures, d => Assert.Equal(Source.IndexOf("FaultARepository :", StringComparison.Ordinal), d.Location.SourceSpan.Start));
        Assert.Contains(failures, d => d.GetMessage(CultureInfo.InvariantCulture).StartsWith("'App.FaultARepository.GetAsync' is not cached", StringComparison.Ordinal));

        var generated = string.Join("\n", output.SyntaxTrees.Select(t => t.ToString()));
        Assert.DoesNotContain("FaultARepositoryCachingDecorator", generated, StringComparison.Ordinal);
        Assert.Contains("class FaultBRepositoryCachingDecorator", generated, StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void A_call_the_interceptor_pipeline_fails_on_is_reported_at_the_call_and_stays_uncached()
    {
        string calls = UserSource.Using("System.Threading.Tasks", "CachingGen").Namespace("App")
            .Class("public sealed class Calling", """
                [Cached("00:01:00", "c:<id>")] public Task<int> InjectedCallFaultAsync(int id) => Task.FromResult(id);
                [Cached("00:01:00", "d:<id>")] public Task<int> FineAsync(int id) => Task.FromResult(id);
                public async Task<int> BothAsync() => await InjectedCallFaultAsync(1) + await FineAsync(2);
                """);
        var generator = new CachingGenGenerator(new GeneratorHooks { CallParsed = name => Fail(name == "InjectedCallFaultAsync", "call-site") });
        var driver = GeneratorHarness.CreateDriver(generator: generator).RunGeneratorsAndUpdateCompilation(GeneratorHarness.CreateCompilation(calls), out var output, out var diagnostics);

        Assert.Null(driver.GetRunResult().Results.Single().Exception);
        var failure = Assert.Single(diagnostics, d => d.Id == "CG0017");
        Assert.Equal(calls.IndexOf("InjectedCallFaultAsync(1)", StringComparison.Ordinal), failure.Location.SourceSpan.Start);
        Assert.Contains("Injected call-site failure", failure.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);

        // The other call is still intercepted, the failing one is not, and the output compiles.
        var generated = string.Join("\n", output.SyntaxTrees.Select(t => t.ToString()));
        Assert.Contains("InterceptsLocation", generated, StringComparison.Ordinal);
        Assert.Contains("FineAsync(this global::App.Calling repository", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("InjectedCallFaultAsync(this global::App.Calling repository", generated, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(generated, "[global::System.Runtime.CompilerServices.InterceptsLocation("));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void A_called_class_whose_file_fails_to_emit_is_reported_at_each_call_and_its_calls_stay_uncached()
    {
        string calls = UserSource.Using("System.Threading.Tasks", "CachingGen").Namespace("App")
            .Class("public sealed class Emitting", """
                [Cached("00:01:00", "e:<id>")] public Task<int> GetAsync(int id) => Task.FromResult(id);
                """)
            .Class("public sealed class Fine", """
                [Cached("00:01:00", "f:<id>")] public Task<int> GetAsync(int id) => Task.FromResult(id);
                """)
            .Class("public static class Caller", """
                public static async Task<int> RunAsync(Emitting e, Fine f) => await e.GetAsync(1) + await e.GetAsync(2) + await f.GetAsync(3);
                """);
        var generator = new CachingGenGenerator(new GeneratorHooks { EmittingClass = name => Fail(name.StartsWith("App_EmittingCalls_", StringComparison.Ordinal), "emit") });
        var driver = GeneratorHarness.CreateDriver(generator: generator).RunGeneratorsAndUpdateCompilation(GeneratorHarness.CreateCompilation(calls), out var output, out var diagnostics);

        Assert.Null(driver.GetRunResult().Results.Single().Exception);
        Assert.DoesNotContain(diagnostics, d => d.Id == "CS8785");
        var failures = diagnostics.Where(d => d.Id == "CG0017").Select(d => d.GetMessage(CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, failures.Count);
        Assert.All(failures, m => Assert.Contains("Injected emit failure", m, StringComparison.Ordinal));
        Assert.Contains(failures, m => m.Contains("App.Emitting.GetAsync called at Source0.cs(14,", StringComparison.Ordinal));

        // The other class's call is still intercepted, and the output compiles without the failed file.
        var generated = string.Join("\n", output.SyntaxTrees.Select(t => t.ToString()));
        Assert.DoesNotContain("App_EmittingCalls_", generated, StringComparison.Ordinal);
        Assert.Contains("GetAsync(this global::App.Fine repository", generated, StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    private static void Fail(bool fail, string what)
    {
        if (fail)
        {
            throw new InvalidOperationException($"Injected {what} failure.");
        }
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static (System.Collections.Immutable.ImmutableArray<Diagnostic> Diagnostics, Compilation Output, Exception? Exception) RunWithFault(Func<string, bool>? transform, Func<string, bool>? emit)
    {
        // Hooks belong to this generator instance: tests running in parallel never see each other's faults.
        var generator = new CachingGenGenerator(new GeneratorHooks
        {
            TransformingMethod = name => Inject(transform, name, "transform"),
            EmittingRepository = name => Inject(emit, name, "emit"),
        });
        var driver = GeneratorHarness.CreateDriver(generator: generator).RunGeneratorsAndUpdateCompilation(GeneratorHarness.CreateCompilation(Source), out var output, out var diagnostics);
        return (diagnostics, output, driver.GetRunResult().Results.Single().Exception);
    }

    private static void Inject(Func<string, bool>? fault, string name, string what)
    {
        if (fault?.Invoke(name) == true)
        {
            throw new InvalidOperationException($"Injected {what} failure for '{name}'.");
        }
    }
}
