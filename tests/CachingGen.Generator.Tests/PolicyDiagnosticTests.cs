using System.Globalization;

namespace CachingGen.Generator.Tests;

/// <summary>CG0026–CG0028: every policy value checked at compile time, each error underlining the value that causes it.</summary>
public sealed class PolicyDiagnosticTests
{
    private static readonly UserSource Prelude = UserSource.Using("System", "System.Threading", "System.Threading.Tasks", "CachingGen").Namespace("App")
        .Declare("public sealed record Order(long Id, string Status);")
        .Interface("IRepo", ["Task<Order?> GetAsync(long id, CancellationToken ct);", "Order? Get(long id);"]);

    private const string GetAsync = "public Task<Order?> GetAsync(long id, CancellationToken ct) => Task.FromResult<Order?>(null);";

    /// <summary>
    /// CG0026 is a value wrong by itself, CG0027 a value that contradicts another (reported at the later one): both are
    /// errors at the value, and their messages name the policy and the method the same way.
    /// </summary>
    [Theory]
    [InlineData("CG0026", "FailSafe = \"5\"", "\"5\"", "The FailSafe of", "5 days")]
    [InlineData("CG0026", "FailSafe = \"1 hour\"", "\"1 hour\"", "The FailSafe of", "\"1h\"")]
    [InlineData("CG0026", "FailSafe = \"1h\", FailSafeBackoff = \"-5s\"", "\"-5s\"", "The FailSafeBackoff of", "negative")]
    [InlineData("CG0026", "Jitter = \"00:05\"", "\"00:05\"", "The Jitter of", "00:05:00")]
    [InlineData("CG0026", "RefreshAhead = 1.5", "1.5", "The RefreshAhead of", "between 0 and 1")]
    [InlineData("CG0026", "RefreshAhead = -0.2", "-0.2", "The RefreshAhead of", "between 0 and 1")]
    [InlineData("CG0026", "RefreshAhead = 1", "1", "The RefreshAhead of", "between 0 and 1")]
    [InlineData("CG0027", "FailSafeBackoff = \"10s\"", "\"10s\"", "The FailSafeBackoff of", "there is no FailSafe")]
    [InlineData("CG0027", "SoftTimeout = \"100ms\", HardTimeout = \"2s\"", "\"100ms\"", "The SoftTimeout of", "there is no FailSafe")]
    [InlineData("CG0027", "FailSafe = \"1h\", SoftTimeout = \"2s\", HardTimeout = \"1s\"", "\"2s\"", "The SoftTimeout of", "must be shorter than the hard timeout (1s)")]
    [InlineData("CG0027", "FailSafe = \"1h\", SoftTimeout = \"1s\", HardTimeout = \"1s\"", "\"1s\"", "The SoftTimeout of", "must be shorter")]
    [InlineData("CG0027", "ClusterLoadWait = \"3s\"", "\"3s\"", "The ClusterLoadWait of", "ClusterSingleLoad is not set")]
    [InlineData("CG0027", "LocalTtl = \"5m\"", "\"5m\"", "The LocalTtl of", "must be shorter than the TTL")]
    [InlineData("CG0027", "ClusterSingleLoad = true, SpeculativeLoad = true", "true", "The ClusterSingleLoad of", "no single load to share")]
    public async Task A_wrong_or_contradicting_value_is_an_error_at_the_value(string id, string properties, string underlined, string start, string messagePart)
    {
        var diagnostic = await DiagnosticAssert.SingleAsync(Repository($"[Cached(\"1m\", \"o:<id>\", {properties})]"), id);
        Assert.Equal(underlined, DiagnosticAssert.Underlined(diagnostic));
        var message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        Assert.True(message.StartsWith(start + " 'Task<Order?> Repo.GetAsync(long id, CancellationToken ct)' ", StringComparison.Ordinal), message);
        Assert.True(message.Contains(messagePart, StringComparison.Ordinal), message);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.EndsWith($"docs/diagnostics/{id}.md", diagnostic.Descriptor.HelpLinkUri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HardTimeout = \"1s\"", "\"1s\"")]
    [InlineData("ClusterSingleLoad = true", "true")]
    [InlineData("FailSafe = \"1h\", SoftTimeout = \"100ms\"", "\"100ms\"")]
    public async Task Waiting_policies_on_a_synchronous_method_are_CG0027(string properties, string underlined)
    {
        string source = Prelude.Class("public sealed class Repo : IRepo", $"""
            {GetAsync}
            [Cached("1m", "o:<id>", {properties})]
            public Order? Get(long id) => null;
            """);
        var diagnostic = await DiagnosticAssert.SingleAsync(source, "CG0027");
        Assert.Equal(underlined, DiagnosticAssert.Underlined(diagnostic));
        Assert.Contains("the method is synchronous", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Unless = \"IsPendng\"", "\"IsPendng\"", "has no method named 'IsPendng' (did you mean 'IsPending'?)")]
    [InlineData("Unless = nameof(WrongType)", "nameof(WrongType)", "'WrongType' must be static bool WrongType(Order? result)")]
    [InlineData("Unless = nameof(NotStatic)", "nameof(NotStatic)", "is an instance method")]
    [InlineData("Unless = nameof(Hidden)", "nameof(Hidden)", "'Hidden' is private")]
    [InlineData("Unless = nameof(Inside)", "nameof(Inside)", "'Inside' is internal but 'Task<Order?> Repo.GetAsync(long id, CancellationToken ct)' can be called from other projects")]
    [InlineData("TtlFrom = nameof(IsPending)", "nameof(IsPending)", "must be static System.TimeSpan IsPending(Order? result)")]
    public async Task A_rule_method_that_cannot_serve_is_CG0028_at_its_name(string properties, string underlined, string messagePart)
    {
        var diagnostic = await DiagnosticAssert.SingleAsync(Repository($"[Cached(\"1m\", \"o:<id>\", {properties})]"), "CG0028");
        Assert.Equal(underlined, DiagnosticAssert.Underlined(diagnostic));
        Assert.True(diagnostic.GetMessage(CultureInfo.InvariantCulture).Contains(messagePart, StringComparison.Ordinal), diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.EndsWith("docs/diagnostics/CG0028.md", diagnostic.Descriptor.HelpLinkUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_complete_valid_policy_reports_nothing_and_compiles()
    {
        var source = Repository("""[Cached("1m", "o:<id>", FailSafe = "1h", FailSafeBackoff = "30s", SoftTimeout = "100ms", HardTimeout = "2s", RefreshAhead = 0.8, Jitter = "5s", LocalTtl = "10s", ClusterSingleLoad = true, ClusterLoadWait = "3s", Unless = nameof(IsPending), TtlFrom = nameof(TtlFor))]""");
        var diagnostics = await GeneratorHarness.AnalyzeAsync(source);
        Assert.Empty(diagnostics.Where(d => d.Id.StartsWith("CG", StringComparison.Ordinal) && d.Severity >= DiagnosticSeverity.Warning));
        var (_, output) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(source));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public async Task An_internal_rule_serves_a_public_method_of_an_internal_class()
    {
        string source = Prelude.Class("internal sealed class Hidden : IRepo", $"""
            [Cached("1m", "o:<id>", Unless = nameof(Skip))]
            {GetAsync}
            public Order? Get(long id) => null;
            internal static bool Skip(Order? order) => order is null;
            """);
        var diagnostics = await GeneratorHarness.AnalyzeAsync(source);
        Assert.DoesNotContain(diagnostics, d => d.Id == "CG0028");
    }

    [Fact]
    public async Task RefreshAhead_zero_is_off_and_reports_nothing()
    {
        var diagnostics = await GeneratorHarness.AnalyzeAsync(Repository("""[Cached("1m", "o:<id>", RefreshAhead = 0, ClusterSingleLoad = false)]"""));
        Assert.DoesNotContain(diagnostics, d => d.Id is "CG0026" or "CG0027");
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Repository("""[Cached("1m", "o:<id>", RefreshAhead = 0)]""")));
        Assert.DoesNotContain(result.Results.Single().GeneratedSources, s => s.SourceText.ToString().Contains("CachePolicy", StringComparison.Ordinal));
    }

    /// <summary><c>Repo</c> with <paramref name="attribute"/> on GetAsync, and the rule methods the policies name.</summary>
    private static string Repository(string attribute) => Prelude.Class("public sealed class Repo : IRepo", $$"""
        {{attribute}}
        {{GetAsync}}
        public Order? Get(long id) => null;

        public static bool IsPending(Order? order) => order?.Status == "pending";
        public static TimeSpan TtlFor(Order? order) => order is null ? TimeSpan.Zero : TimeSpan.FromMinutes(1);
        public static string WrongType(Order? order) => "";
        public bool NotStatic(Order? order) => false;
        private static bool Hidden(Order? order) => false;
        internal static bool Inside(Order? order) => false;
        """);
}
