using System.IO;
using System.Threading;
using CachingGen.Generator.Model;
using CachingGen.Generator.Pipelines;
using Microsoft.CodeAnalysis.CSharp;
using static CachingGen.Generator.Tests.Infrastructure.CountingRun;
using static Microsoft.CodeAnalysis.IncrementalStepRunReason;

namespace CachingGen.Generator.Tests;

/// <summary>
/// What the interceptor pipeline redoes after each kind of edit: every tracked step's reason, and how many calls were
/// parsed again (the <see cref="GeneratorHooks.CallParsed"/> hook runs only when a file is really scanned, not when
/// the pipeline's scanner reuses a file's scan). Each input the scanner's reuse depends on has a test here that
/// changes only that input and shows the scan redone: a declaration elsewhere, a <c>using</c>, an option, a
/// referenced assembly, the language version. Roslyn records a step only when an output depends on it: a file without
/// calls has no <see cref="TrackingNames.CallSiteFiles"/> step to show.
/// </summary>
public sealed class InterceptorIncrementalTests
{
    private const string Repository = """
        using System.Threading.Tasks;
        using CachingGen;
        namespace App;
        public interface IA { Task<int> GetAsync(int id); }
        public sealed class ARepository : IA
        {
            [Cached("00:01:00", "a:<id>")] public Task<int> GetAsync(int id) => Task.FromResult(id);
        }
        """;

    // Source1.cs: two calls; the first method's local is what the body edits change.
    private const string Caller = """
        namespace App;
        public static class Caller
        {
            public static System.Threading.Tasks.Task<int> One(ARepository r) { IA via = r; var x = 1; return r.GetAsync(x) ?? via.GetAsync(x); }
            public static System.Threading.Tasks.Task<int> Two(ARepository r) => r.GetAsync(2);
        }
        """;

    // Source2.cs: one call.
    private const string Other = """
        namespace App;
        public static class Other { public static System.Threading.Tasks.Task<int> Three(ARepository r) => r.GetAsync(3); }
        """;

    [Fact]
    public void A_keystroke_in_a_calling_body_rescans_that_file_alone()
    {
        var run = new CountingRun(Repository, Caller, Other);

        var result = run.Edit("Source1.cs", Caller.Replace("var x = 1;", "var x = 12;", StringComparison.Ordinal));

        Assert.Equal(2, run.Parsed);
        Assert.Equal(Expect(("Source0.cs", Cached), ("Source1.cs", Unchanged), ("Source2.cs", Cached)), ByFile(result, TrackingNames.BindingDeclarations));
        AssertReasons(result, TrackingNames.ScanInputs, Cached);
        Assert.Equal(Expect(("Source1.cs", Modified), ("Source2.cs", Unchanged)), ByFile(result, TrackingNames.CallSiteFiles));
        AssertReasons(result, TrackingNames.CalledClasses, Modified);
    }

    [Fact]
    public void A_body_edit_that_changes_a_calls_binding_rescans_that_file_and_intercepts_the_call()
    {
        var run = new CountingRun(Repository, Caller, Other);
        Assert.Equal(2, Calls(run.Last, "Source1.cs"));

        // Not a declaration: the local's type, in a body. The call through it now binds to the class.
        var result = run.Edit("Source1.cs", Caller.Replace("IA via = r;", "ARepository via = r;", StringComparison.Ordinal));

        Assert.Equal(3, Calls(result, "Source1.cs"));
        Assert.Equal(3, run.Parsed);
        AssertReasons(result, TrackingNames.ScanInputs, Cached);
        Assert.Equal(Expect(("Source1.cs", Modified), ("Source2.cs", Unchanged)), ByFile(result, TrackingNames.CallSiteFiles));
    }

    [Fact]
    public void A_declaration_edited_in_another_file_rescans_every_file()
    {
        const string holder = "namespace App; public sealed class Holder { public IA Repo = null!; }";
        const string viaHolder = "namespace App; public static class ViaHolder { public static System.Threading.Tasks.Task<int> Get(Holder h) => h.Repo.GetAsync(1); }";
        var run = new CountingRun(Repository, Other, holder, viaHolder);
        Assert.Equal(0, Calls(run.Last, "Source3.cs"));

        var result = run.Edit("Source2.cs", holder.Replace("public IA Repo", "public ARepository Repo", StringComparison.Ordinal));

        Assert.Equal(2, run.Parsed);
        Assert.Equal(1, Calls(result, "Source3.cs"));
        Assert.Equal(Modified, ByFile(result, TrackingNames.BindingDeclarations)["Source2.cs"]);
        AssertReasons(result, TrackingNames.ScanInputs, Modified);
        Assert.Equal(Expect(("Source1.cs", Unchanged), ("Source3.cs", Modified)), ByFile(result, TrackingNames.CallSiteFiles));
    }

    [Fact]
    public void A_using_changed_in_another_file_rebinds_the_unchanged_calling_file()
    {
        const string plain = "namespace App.Plain; public sealed class Store { public int Get(int id) => id; }";
        const string cached = "using CachingGen; namespace App.Cached; public sealed class Store { [Cached(\"00:01:00\", \"s:<id>\")] public int Get(int id) => id; }";
        const string usings = "global using Store = App.Plain.Store;";
        const string caller = "namespace App; public static class UseStore { public static int Get(Store s) => s.Get(1); }";
        var run = new CountingRun(plain, cached, usings, caller);
        Assert.Equal(0, Calls(run.Last, "Source3.cs"));

        var result = run.Edit("Source2.cs", usings.Replace("App.Plain.Store", "App.Cached.Store", StringComparison.Ordinal));

        Assert.Equal(1, Calls(result, "Source3.cs"));
        Assert.Equal(1, run.Parsed);
        Assert.Equal(Modified, ByFile(result, TrackingNames.BindingDeclarations)["Source2.cs"]);
        AssertReasons(result, TrackingNames.ScanInputs, Modified);
        Assert.Equal(Modified, ByFile(result, TrackingNames.CallSiteFiles)["Source3.cs"]);
    }

    [Fact]
    public void A_changed_compilation_option_rescans_every_file()
    {
        var run = new CountingRun(Repository, Caller, Other);

        // The assembly's name names the generated classes (and decides InternalsVisibleTo): every model changes.
        var result = run.Run(run.Compilation.WithAssemblyName("Renamed"));
        Assert.Equal(3, run.Parsed);
        AssertReasons(result, TrackingNames.ScanInputs, Cached);
        Assert.Equal(Expect(("Source1.cs", Modified), ("Source2.cs", Modified)), ByFile(result, TrackingNames.CallSiteFiles));

        // The nullable context changes what signatures mean: scanned again, to equal models here.
        result = run.Run(run.Compilation.WithOptions(((CSharpCompilationOptions)run.Compilation.Options).WithNullableContextOptions(NullableContextOptions.Disable)));
        Assert.Equal(3, run.Parsed);
        Assert.Equal(Expect(("Source1.cs", Unchanged), ("Source2.cs", Unchanged)), ByFile(result, TrackingNames.CallSiteFiles));
    }

    [Fact]
    public void The_opt_out_option_removes_every_interceptor_without_scanning()
    {
        var run = new CountingRun(Repository, Caller, Other);
        Assert.Contains(run.Last.GeneratedSources, s => s.HintName.StartsWith("CachingGen.Calls.", StringComparison.Ordinal));

        run.Driver = run.Driver.WithUpdatedAnalyzerConfigOptions(new TestOptionsProvider(new Dictionary<string, string> { ["build_property.CachingGenInterceptors"] = "false" }));
        var result = run.Run(run.Compilation);

        Assert.Equal(0, run.Parsed);
        AssertReasons(result, TrackingNames.InterceptorSettings, Modified);
        AssertReasons(result, TrackingNames.CalledClasses, Removed);
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName.StartsWith("CachingGen.Calls.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_replaced_reference_rebinds_calls_though_no_declaration_name_or_option_changed()
    {
        // Version 2 of the library types a field as the class instead of its interface: in this project nothing
        // changes (declarations, the annotated names, options), but the call through the field now binds to the class.
        const string library = """
            using CachingGen;
            namespace Lib;
            public interface IStore { int Get(int id); }
            public sealed class Store : IStore { [Cached("00:01:00", "s:<id>")] public int Get(int id) => id; }
            public sealed class Holder { public IStore Repo = null!; }
            """;
        const string caller = "namespace App; public static class UseLib { public static int Get(Lib.Holder h) => h.Repo.Get(1); }";
        var run = new CountingRun(Library(library), Repository, Other, caller);
        Assert.Equal(0, Calls(run.Last, "Source2.cs"));

        var v2 = Library(library.Replace("public IStore Repo", "public Store Repo", StringComparison.Ordinal));
        var result = run.Run(run.Compilation.ReplaceReference(run.Compilation.References.Last(), v2));

        Assert.Equal(1, Calls(result, "Source2.cs"));
        Assert.Equal(2, run.Parsed);
        AssertReasons(result, TrackingNames.InterceptedNames, Cached);
        AssertReasons(result, TrackingNames.BindingDeclarations, Cached);
        AssertReasons(result, TrackingNames.ScanInputs, Cached);
        Assert.Equal(Expect(("Source1.cs", Unchanged), ("Source2.cs", Modified)), ByFile(result, TrackingNames.CallSiteFiles));
    }

    [Fact]
    public void A_changed_language_version_rescans_every_file()
    {
        var run = new CountingRun(Repository, Caller, Other);

        // The compiler's parse options stay (the driver's); the files are parsed again for another language version.
        var older = GeneratorHarness.ParseOptions.WithLanguageVersion(LanguageVersion.CSharp12);
        var reparsed = run.Compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(run.Compilation.SyntaxTrees.Select(t => t.WithRootAndOptions(t.GetRoot(), older)));
        var result = run.Run(reparsed);

        Assert.Equal(3, run.Parsed);
        AssertReasons(result, TrackingNames.BindingDeclarations, Unchanged);
        AssertReasons(result, TrackingNames.ScanInputs, Cached);
        AssertReasons(result, TrackingNames.CallSiteFiles, Unchanged);
    }

    private static PortableExecutableReference Library(string source)
    {
        var compilation = CSharpCompilation.Create("Lib", [CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions)], GeneratorHarness.References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        Assert.True(compilation.Emit(stream).Success);
        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}
