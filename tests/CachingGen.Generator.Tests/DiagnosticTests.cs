namespace CachingGen.Generator.Tests;

/// <summary>Each analyzer diagnostic, with its ID, message and the exact text it underlines.</summary>
public sealed partial class DiagnosticTests
{
    /// <summary>The repository most tests vary: <c>Repo : IRepo</c>, with a reader of an order and a writer.</summary>
    private static readonly UserSource Prelude = UserSource.Using("System.Threading", "System.Threading.Tasks", "CachingGen").Namespace("App")
        .Declare("public sealed class Order { public long Id { get; init; } }")
        .Interface("IRepo", ["Task<string> GetAsync(long userId, Order order, CancellationToken ct);", "Task SaveAsync(long userId, CancellationToken ct);"]);

    private const string Get = """public Task<string> GetAsync(long userId, Order order, CancellationToken ct) => Task.FromResult("");""";

    private const string Save = "public Task SaveAsync(long userId, CancellationToken ct) => Task.CompletedTask;";

    /// <summary>An <c>App</c> file opening with <paramref name="usings"/> and CachingGen.</summary>
    private static UserSource App(params string[] usings) => UserSource.Using([.. usings, "CachingGen"]).Namespace("App");

    [Theory]
    [InlineData("CG0001", "\"u:<usrId>\"", "<usrId>", "did you mean '<userId>'")]
    [InlineData("CG0001", "\"u:<nothingLikeIt>\"", "<nothingLikeIt>", "does not name a parameter of 'GetAsync'")]
    [InlineData("CG0001", "\"u:<nothingLikeIt>\"", "<nothingLikeIt>", "(its parameters: userId, order)")]
    [InlineData("CG0001", "\"u:<id>\"", "<id>", "did you mean '<userId>'? (its parameters: userId, order)")]
    [InlineData("CG0001", "\"u:<theOrder.Id>\"", "<theOrder.Id>", "did you mean '<order>'?")]
    [InlineData("CG0002", "\"u:<userId\"", "<userId", "never closed")]
    [InlineData("CG0002", "\"u:<>\"", "<>", "is empty")]
    [InlineData("CG0002", "\"\"", "\"\"", "the key template is empty")]
    [InlineData("CG0002", "\"u:<user Id>\"", "<user Id>", "white space")]
    [InlineData("CG0002", "\"u:userId>\"", ">", "no matching '<'")]
    [InlineData("CG0002", "@\"u:<1x>\"", "<1x>", "not a parameter name")]
    [InlineData("CG0002", "\"pair:<userId><order.Id>\"", "<userId><order.Id>", "no text between the two placeholders")]
    [InlineData("CG0002", "\"u:<userId>x<order.Id>\"", "x", "is followed by 'x'; a placeholder must be followed by punctuation")]
    [InlineData("CG0002", "\"u:<userId>_<order.Id>\"", "_", "is followed by '_'")]
    [InlineData("CG0002", "@\"u:\\<userId>\"", "\\", "'\\' is reserved")]
    [InlineData("CG0006", "\"u:<order.Missing>\"", "<order.Missing>", "no readable instance property or field named 'Missing'")]
    [InlineData("CG0009", "\"u:<userId>:<ct>\"", "<ct>", "CancellationToken")]
    public async Task Key_template_problems_underline_the_placeholder(string id, string keyLiteral, string underlined, string messagePart)
    {
        var source = Repo($$"""
            [Cached("00:01:00", {{keyLiteral}})]
            {{Get}}
            {{Save}}
            """);

        var diagnostic = await SingleAsync(source, id);

        Assert.Equal(underlined, Underlined(diagnostic));
        Assert.Contains(messagePart, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.EndsWith($"docs/diagnostics/{id}.md", diagnostic.Descriptor.HelpLinkUri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"5\"", "'5' has no unit; TimeSpan would read it as 5 days. Write \"5s\", \"5m\", \"5h\" or \"5d\" (or \"00:00:05\")", "5s|5m|5h|5d")]
    [InlineData("\"30\"", "'30' has no unit; TimeSpan would read it as 30 days.", "30s|30m|30h|30d")]
    [InlineData("\"60\"", "'60' has no unit; TimeSpan would read it as 60 days.", "60s|60m|60h|60d")]
    [InlineData("\"00:05\"", "'00:05' is hh:mm to TimeSpan (5 minutes) but reads like mm:ss; write \"00:05:00\" for 5 minutes or \"00:00:05\" for 5 seconds", "00:05:00|00:00:05")]
    [InlineData("\"45:30\"", "'45:30' has two parts; a TTL has three (hh:mm:ss): write \"00:45:30\" for 45 minutes 30 seconds", "00:45:30")]
    [InlineData("\"5 minutes\"", "'5 minutes' has an unknown unit 'minutes'; the units are ms, s, m, h and d, right after the number: write \"5m\" (5 minutes)", "5m")]
    [InlineData("\"5M\"", "'5M' has an upper-case unit; units are lower case (ms, s, m, h, d): write \"5m\" (5 minutes)", "5m")]
    [InlineData("\"5 m\"", "'5 m' has a space before the unit: write \"5m\"", "5m")]
    [InlineData("\"1.5h\"", "'1.5h' is not a whole number of hours; a unit takes a whole number: write \"90m\" or \"01:30:00\" (1 hour 30 minutes)", "90m|01:30:00")]
    [InlineData("\"0.5s\"", "write \"500ms\" or \"00:00:00.5\" (500 milliseconds)", "500ms|00:00:00.5")]
    [InlineData("\"0s\"", "'0s' is zero; a cached value needs a time to live above zero: write a whole number with a unit (\"500ms\", \"30s\", \"5m\", \"1h\", \"1d\") or [d.]hh:mm:ss", "")]
    [InlineData("\"0\"", "'0' is zero", "")]
    [InlineData("\"00:00:00\"", "'00:00:00' is zero", "")]
    [InlineData("\"-00:01:00\"", "'-00:01:00' is negative", "")]
    [InlineData("\"00:60:00\"", "'00:60:00' has 60 minutes; minutes go from 00 to 59: write \"01:00:00\" (1 hour)", "01:00:00")]
    [InlineData("\"00:61:00\"", "has 61 minutes", "01:01:00")]
    [InlineData("\"24:00:00\"", "has 24 hours; hours go from 00 to 23: write \"1.00:00:00\" (1 day)", "1.00:00:00")]
    [InlineData("\"0:05:00\"", "needs two digits each for hours, minutes and seconds: write \"00:05:00\"", "00:05:00")]
    [InlineData("\"1:00:00:00\"", "separates the days with ':'", "1.00:00:00")]
    [InlineData("\"00:00:00.12345678\"", "has 8 fraction digits", "")]
    [InlineData("\" 5m\"", "has white space around it; write \"5m\"", "5m")]
    [InlineData("\"5x\"", "'5x' has an unknown unit 'x'; write a whole number with a unit", "")]
    [InlineData("\"soon\"", "'soon' is not a TTL; write a whole number with a unit", "")]
    [InlineData("\"\"", "the TTL is empty", "")]
    [InlineData("\"99999999999d\"", "longer than a TimeSpan can hold", "")]
    [InlineData("@\"5\"", "'5' has no unit", "5s|5m|5h|5d")]
    public async Task Invalid_ttl_underlines_the_ttl_argument_and_says_how_it_would_be_read(string ttlLiteral, string messagePart, string suggestions)
    {
        var source = WithTtl(ttlLiteral);

        var diagnostic = await SingleAsync(source, "CG0003");

        Assert.Equal(ttlLiteral, Underlined(diagnostic));
        Assert.Contains(messagePart, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(suggestions, diagnostic.Properties.TryGetValue("TtlSuggestions", out var value) ? value : string.Empty);

        // "60" used to pass as 60 days with only the over-30-days warning; now it is an error and nothing else.
        Assert.DoesNotContain(await GeneratorHarness.AnalyzeAsync(source), d => d.Id == "CG0010");
    }

    [Theory]
    [InlineData("\"31.00:00:00\"")]
    [InlineData("\"60.00:00:00\"")]
    [InlineData("\"60d\"")]
    public async Task Ttl_over_thirty_days_is_a_warning_on_the_ttl_argument(string ttlLiteral)
    {
        var source = WithTtl(ttlLiteral);

        var diagnostic = await SingleAsync(source, "CG0010");

        Assert.Equal(ttlLiteral, Underlined(diagnostic));
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.DoesNotContain(await GeneratorHarness.AnalyzeAsync(source), d => d.Id is "CG0011" or "CG0003");
    }

    [Fact]
    public async Task Parameter_missing_from_the_key_is_an_error_naming_it_but_never_the_cancellation_token()
    {
        var source = Repo($"""
            [Cached(ttl: "00:01:00", key: "u:<userId>")]
            {Get}
            {Save}
            """);

        var diagnostic = await SingleAsync(source, "CG0011");

        Assert.Equal("\"u:<userId>\"", Underlined(diagnostic));
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("order", diagnostic.Properties["Parameter"]);
        Assert.Contains("add :<order> to the key", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cached_and_invalidates_together_or_a_repeated_invalidates_is_a_warning()
    {
        var source = Repo($"""
            [Cached("00:01:00", "u:<userId>:<order.Id>")]
            [Invalidates("u:<userId>")]
            {Get}
            [Invalidates("u:<userId>")]
            [Invalidates("u:<userId>")]
            {Save}
            """);

        var diagnostics = (await GeneratorHarness.AnalyzeAsync(source)).Where(d => d.Id == "CG0012").OrderBy(d => d.Location.SourceSpan.Start).ToList();

        Assert.Equal(2, diagnostics.Count);
        Assert.Equal("GetAsync", Underlined(diagnostics[0]));
        Assert.Contains("both [Cached] and [Invalidates]", diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("\"u:<userId>\"", Underlined(diagnostics[1]));
        Assert.Contains("remove the duplicate", diagnostics[1].GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
    }

    [Fact]
    public async Task Invalidates_placeholder_without_a_parameter_is_reported()
    {
        var source = Repo($"""
            {Get}
            [Invalidates("u:<userid>")]
            {Save}
            """);

        var diagnostic = await SingleAsync(source, "CG0001");

        Assert.Equal("<userid>", Underlined(diagnostic));
        Assert.Contains("did you mean '<userId>'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Method_not_on_an_interface_is_reported_on_its_name()
    {
        var source = Repo($"""
            {Get}
            {Save}
            [Cached("00:01:00", "x:<id>")]
            public Task<int> HiddenAsync(int id) => Task.FromResult(id);
            """);

        var diagnostic = await SingleAsync(source, "CG0004", interceptors: false);

        Assert.Equal("HiddenAsync", Underlined(diagnostic));
    }

    [Theory]
    [InlineData("Task", "Task SaveAsync(long userId, CancellationToken ct) => Task.CompletedTask;", "SaveAsync")]
    public async Task Cached_method_without_a_result_is_reported(string _, string member, string underlined)
    {
        var source = Repo($$"""
            {{Get}}
            [Cached("00:01:00", "u:<userId>")]
            public {{member}}
            """);

        var diagnostic = await SingleAsync(source, "CG0005");

        Assert.Equal(underlined, Underlined(diagnostic));
    }

    [Fact]
    public async Task By_reference_parameter_is_reported_on_the_parameter()
    {
        string source = UserSource.Using("CachingGen")
            .Repository("IR", "int Get(ref int id);", """
                [Cached("00:01:00", "r:<id>")]
                public int Get(ref int id) => id;
                """);

        var diagnostic = await SingleAsync(source, "CG0007");

        Assert.Equal("id", Underlined(diagnostic));
    }

    [Theory]
    [InlineData("public abstract class R : IR", "abstract")]
    [InlineData("public class R<T> : IR", "generic")]
    public async Task Class_that_cannot_be_decorated_is_reported_on_its_name(string declaration, string messagePart)
    {
        string source = UserSource.Using("CachingGen").Interface("IR", "int Get(int id);").Declare($"{declaration}").Declare("{")
            .Declare("""    [Cached("00:01:00", "r:<id>")]""")
            .Declare("    public int Get(int id) => id;")
            .Declare("}");

        var diagnostic = await SingleAsync(source, "CG0008");

        Assert.Equal("R", Underlined(diagnostic));
        Assert.Contains(messagePart, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Valid_repository_has_no_diagnostics()
    {
        var diagnostics = await GeneratorHarness.AnalyzeAsync(TestSources.Accounts);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Generator_forwards_an_invalid_method_instead_of_emitting_broken_code()
    {
        var source = Repo($"""
            [Cached("00:01:00", "u:<nope>")]
            {Get}
            [Invalidates("u:<userId>")]
            {Save}
            """);

        var (result, output) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(source));
        var generated = string.Join("\n", result.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()));

        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Contains("GetAsync(long userId, global::App.Order order, global::System.Threading.CancellationToken ct) => _inner.GetAsync(userId, order, ct);", generated, StringComparison.Ordinal);
        Assert.Contains("InvalidateAsync(_cache, RepoCacheKeys.UUserId(userId)", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void Generator_emits_nothing_for_a_class_that_cannot_be_decorated()
    {
        string source = UserSource.Using("CachingGen").Interface("IR", "int Get(int id);")
            .Class("public abstract class R : IR", """
                [Cached("00:01:00", "r:<id>")]
                public int Get(int id) => id;
                """);

        var (result, output) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(source));

        Assert.Empty(result.Results.Single().GeneratedSources);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    /// <summary>A repository whose one [Cached] method has <paramref name="ttlLiteral"/> as its TTL and a key that uses every parameter.</summary>
    private static string WithTtl(string ttlLiteral) => Repo($"""
        [Cached(ttl: {ttlLiteral}, key: "u:<userId>:<order.Id>")]
        {Get}
        {Save}
        """);

    /// <summary><c>Repo : IRepo</c> of <see cref="Prelude"/> around <paramref name="members"/>.</summary>
    private static string Repo(string members) => Prelude.Class("public sealed class Repo : IRepo", members);

    private static Task<Diagnostic> SingleAsync(string source, string id, bool interceptors = true) => DiagnosticAssert.SingleAsync(source, id, interceptors);

    private static string Underlined(Diagnostic diagnostic) => DiagnosticAssert.Underlined(diagnostic);
}
