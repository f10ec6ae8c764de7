namespace CachingGen.Generator.Tests;

/// <summary>The diagnostics about the types a key or a result uses, and about templates matched across methods.</summary>
public sealed partial class DiagnosticTests
{
    [Theory]
    [InlineData("public sealed class Box { public int Value { set { } } }", "<box.Value>", "'Box.Value' has no getter")]
    [InlineData("public sealed class Box { public int Value() => 1; }", "<box.Value>", "'Box.Value' is a method")]
    [InlineData("public sealed class Box { public static int Value => 1; }", "<box.Value>", "'Box.Value' is static")]
    [InlineData("public sealed class Box { private int Value => 1; }", "<box.Value>", "'Box.Value' is not accessible")]
    [InlineData("public sealed class Box { public int Value { private get; set; } }", "<box.Value>", "getter that is not accessible")]
    public async Task Member_path_that_cannot_be_read_says_why(string boxDeclaration, string placeholder, string messagePart)
    {
        string source = App().Declare(boxDeclaration)
            .Repository("IR", "int Get(Box box);", $$"""
                [Cached("00:01:00", "k:{{placeholder}}")]
                public int Get(Box box) => 1;
                """);

        var diagnostic = await SingleAsync(source, "CG0006");

        Assert.Equal(placeholder, Underlined(diagnostic));
        Assert.Contains(messagePart, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Filter", "does not override ToString()")]
    [InlineData("int[]", "an array's text")]
    [InlineData("List<int>", "a collection's text")]
    [InlineData("Func<int>", "a delegate's text")]
    [InlineData("IComparable<int>", "depends on whichever type implements it")]
    [InlineData("object", "run-time type")]
    [InlineData("FilterStruct", "does not override ToString()")]
    public async Task Placeholder_without_stable_text_is_a_warning_on_the_placeholder(string type, string messagePart)
    {
        var source = KeyedOn(type, App("System", "System.Collections.Generic").Declare("""
            public sealed class Filter { public int Min { get; init; } }
            public struct FilterStruct { public int Min; }
            """));

        var diagnostic = await SingleAsync(source, "CG0013");

        Assert.Equal("<value>", Underlined(diagnostic));
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains(messagePart, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Point")]
    [InlineData("Named")]
    [InlineData("Color")]
    [InlineData("Guid")]
    [InlineData("DateTimeOffset")]
    [InlineData("decimal?")]
    [InlineData("string")]
    [InlineData("Version")]
    [InlineData("Temperature")]
    public async Task Placeholder_types_with_stable_text_are_accepted(string type)
    {
        var source = KeyedOn(type, App("System").Declare("""
            public sealed record Point(int X, int Y);
            public sealed class Named { public string Name { get; init; } = ""; public override string ToString() => Name; }
            public enum Color { Red, Green }
            public readonly struct Temperature : IFormattable
            {
                public string ToString(string? format, IFormatProvider? provider) => "t";
            }
            """));

        var diagnostics = await GeneratorHarness.AnalyzeAsync(source);

        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData("IAsyncEnumerable<string>", "IAsyncEnumerable<T> is produced while it is enumerated")]
    [InlineData("IEnumerable<string>", "may be lazily evaluated")]
    [InlineData("Task<IEnumerable<string>>", "may be lazily evaluated")]
    [InlineData("IOrderedEnumerable<string>", "may be lazily evaluated")]
    [InlineData("IQueryable<string>", "IQueryable<T> is a query")]
    [InlineData("Task<Stream>", "a Stream can be read once")]
    [InlineData("MemoryStream", "a Stream can be read once")]
    [InlineData("Func<int>", "a delegate is code")]
    public async Task Cached_result_that_is_lazy_or_a_stream_is_an_error(string returnType, string messagePart)
    {
        var source = WithResult(returnType, "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Threading.Tasks");

        var diagnostic = await SingleAsync(source, "CG0005");

        Assert.Equal("Get", Underlined(diagnostic));
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(messagePart, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Task<List<string>>", "List<string>", "IReadOnlyList<string>")]
    [InlineData("string[]", "string[]", "IReadOnlyList<string>")]
    [InlineData("ValueTask<IList<int>>", "IList<int>", "IReadOnlyList<int>")]
    [InlineData("Dictionary<int, string>", "Dictionary<int, string>", "IReadOnlyDictionary<int, string>")]
    [InlineData("Task<HashSet<int>>", "HashSet<int>", "IReadOnlySet<int>")]
    [InlineData("Queue<int>", "Queue<int>", "IReadOnlyCollection<int>")]
    [InlineData("Task<System.Collections.ObjectModel.ObservableCollection<long>>", "System.Collections.ObjectModel.ObservableCollection<long>", "IReadOnlyList<long>")]
    [InlineData("SortedDictionary<string, int>", "SortedDictionary<string, int>", "IReadOnlyDictionary<string, int>")]
    [InlineData("ISet<Guid>", "ISet<Guid>", "IReadOnlySet<Guid>")]
    public async Task Mutable_collection_result_is_a_warning_suggesting_a_read_only_type(string returnType, string underlined, string suggestion)
    {
        var source = WithResult(returnType, "System", "System.Collections.Generic", "System.Threading.Tasks");

        var diagnostic = await SingleAsync(source, "CG0014");

        Assert.Equal(underlined, Underlined(diagnostic));
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains($"return '{suggestion}' instead", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("IReadOnlyList<string>")]
    [InlineData("Task<IReadOnlyList<string>>")]
    [InlineData("ImmutableArray<string>")]
    [InlineData("Task<IReadOnlyDictionary<int, string>>")]
    [InlineData("ReadOnlyMemory<byte>")]
    [InlineData("string")]
    public async Task Read_only_results_are_accepted(string returnType)
    {
        var source = WithResult(returnType, "System", "System.Collections.Generic", "System.Collections.Immutable", "System.Threading.Tasks");

        Assert.Empty(await GeneratorHarness.AnalyzeAsync(source));
    }

    [Theory]
    [InlineData("\"balanse:user:<userId>\"", "the closest [Cached] key is \"balance:user:<userId>\"")]
    [InlineData("\"user:balance:<userId>\"", "the closest [Cached] key is")]
    [InlineData("\"balance:user:<userId>:x\"", "the closest [Cached] key is")]
    [InlineData("\"balance:<userId>\"", "the closest [Cached] key is")]
    public async Task Invalidation_that_matches_no_cached_key_is_an_error_on_its_template(string invalidatesLiteral, string messagePart)
    {
        string source = App("System.Threading.Tasks").Repository("IR", "Task<int> TotalAsync(long userId); Task CreditAsync(long id, long userId);", $$"""
                [Cached("00:01:00", "balance:user:<userId>")]
                public Task<int> TotalAsync(long userId) => Task.FromResult(1);

                [Invalidates({{invalidatesLiteral}})]
                public Task CreditAsync(long id, long userId) => Task.CompletedTask;
                """);

        var diagnostic = await SingleAsync(source, "CG0015");

        Assert.Equal(invalidatesLiteral, Underlined(diagnostic));
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(messagePart, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"balance:user:<userId>\"")]
    [InlineData("\"balance:user:<id>\"")]
    [InlineData("\"balance:<id>:total\"")]
    [InlineData("\"balance:<id>:<userId>\"")]
    public async Task Invalidation_matching_a_cached_key_shape_in_another_class_is_accepted(string invalidatesLiteral)
    {
        string source = App("System.Threading.Tasks").Repository("IReader", "Task<int> TotalAsync(long userId); Task<int> ByTokenAsync(long userId, long tokenId);", """
                [Cached("00:01:00", "balance:user:<userId>")]
                public Task<int> TotalAsync(long userId) => Task.FromResult(1);

                [Cached("00:01:00", "balance:<userId>:<tokenId>")]
                public Task<int> ByTokenAsync(long userId, long tokenId) => Task.FromResult(1);
                """)
            .Repository("IWriter", "Task CreditAsync(long id, long userId);", $$"""
                [Invalidates({{invalidatesLiteral}})]
                public Task CreditAsync(long id, long userId) => Task.CompletedTask;
                """);

        Assert.Empty(await GeneratorHarness.AnalyzeAsync(source));
    }

    [Fact]
    public async Task Invalidation_is_matched_against_keys_that_start_with_a_placeholder()
    {
        // The cached key has no literal head: every invalidation is a candidate for it, whatever its own head.
        string source = App("System.Threading.Tasks").Repository("IR", "Task<int> TotalAsync(string tenant, long userId); Task CreditAsync(long userId); Task DebitAsync(long userId);", """
                [Cached("00:01:00", "<tenant>:user:<userId>")]
                public Task<int> TotalAsync(string tenant, long userId) => Task.FromResult(1);

                [Invalidates("acme:user:<userId>")]
                public Task CreditAsync(long userId) => Task.CompletedTask;

                [Invalidates("acme:order:<userId>")]
                public Task DebitAsync(long userId) => Task.CompletedTask;
                """);

        var diagnostic = await SingleAsync(source, "CG0015");

        Assert.Equal("\"acme:order:<userId>\"", Underlined(diagnostic));
    }

    [Fact]
    public async Task Two_templates_of_one_result_type_that_can_build_the_same_key_are_an_error_on_both_keys()
    {
        string source = App("System.Threading.Tasks").Repository("IR", "Task<string> PairAsync(string a, string b); Task<string> OneAsync(string x); Task<string> SameAsync(string a, string b); Task<string> ColonAsync(string a, string b);", """
                [Cached("00:01:00", "dash:<a>-<b>")]
                public Task<string> PairAsync(string a, string b) => Task.FromResult("");

                [Cached("00:01:00", "dash:<x>")]
                public Task<string> OneAsync(string x) => Task.FromResult("");

                [Cached("00:01:00", "dash:<b>-<a>")]
                public Task<string> SameAsync(string a, string b) => Task.FromResult("");

                [Cached("00:01:00", "colon:<a>:<b>")]
                public Task<string> ColonAsync(string a, string b) => Task.FromResult("");
                """);

        var diagnostics = (await GeneratorHarness.AnalyzeAsync(source)).Where(d => d.Id == "CG0018").ToList();

        // "dash:<x>" with x = "a-b" builds "dash:a-b" (x is not followed by '-', so its '-' is not escaped), which is
        // what "dash:<a>-<b>" builds for ("a", "b"). The two templates that differ only in names share deliberately.
        Assert.Equal(3, diagnostics.Count);
        Assert.Equal(["\"dash:<a>-<b>\"", "\"dash:<b>-<a>\"", "\"dash:<x>\""], diagnostics.Select(Underlined).Order(StringComparer.Ordinal));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.Contains("\"dash:<x>\" of 'Task<string> R.OneAsync(string x)'", diagnostics.Single(d => Underlined(d) == "\"dash:<a>-<b>\"").GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_result_types_sharing_a_key_shape_is_an_error_on_both_keys()
    {
        string source = App("System.Threading.Tasks").Repository("IR", "Task<string> NameAsync(long id); Task<int> CountAsync(long userId); Task<string> TitleAsync(long id); Task<int> OtherAsync(long id);", """
                [Cached("00:01:00", "user:<id>")]
                public Task<string> NameAsync(long id) => Task.FromResult("");

                [Cached("00:01:00", "user:<userId>")]
                public Task<int> CountAsync(long userId) => Task.FromResult(1);

                [Cached("00:01:00", "title:<id>")]
                public Task<string> TitleAsync(long id) => Task.FromResult("");

                [Cached("00:01:00", "user:count:<id>")]
                public Task<int> OtherAsync(long id) => Task.FromResult(1);
                """);

        var diagnostics = (await GeneratorHarness.AnalyzeAsync(source)).Where(d => d.Id == "CG0016").ToList();

        Assert.Equal(2, diagnostics.Count);
        Assert.Equal(["\"user:<id>\"", "\"user:<userId>\""], diagnostics.Select(Underlined).Order(StringComparer.Ordinal));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.Contains("returns 'string' instead of 'int'", diagnostics.Single(d => Underlined(d) == "\"user:<userId>\"").GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Invalidates(\"u:<userId>*\")]", "*", "ends with ':*'")]
    [InlineData("[Invalidates(\"u:*:<userId>\")]", "*", "only allowed at the very end")]
    [InlineData("[Cached(\"00:01:00\", \"u:<userId>:*\")]", "*", "a trailing ':*' is for [Invalidates] templates only")]
    public async Task Prefix_wildcard_out_of_place_is_a_malformed_template(string attribute, string underlined, string messagePart)
    {
        var source = Repo($$"""
            [Cached("00:01:00", "u:<userId>:<order.Id>")]
            {{Get}}
            {{attribute}}
            {{Save}}
            """);

        var diagnostic = await SingleAsync(source, "CG0002");

        Assert.Equal(underlined, Underlined(diagnostic));
        Assert.Contains(messagePart, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prefix_invalidation_matching_cached_keys_is_accepted_and_one_matching_nothing_is_reported()
    {
        var source = Repo($"""
            [Cached("00:01:00", "u:<userId>:<order.Id>")]
            {Get}
            [Invalidates("u:<userId>:*")]
            [Invalidates("x:<userId>:*")]
            {Save}
            """);

        var diagnostic = await SingleAsync(source, "CG0015");

        Assert.Equal("\"x:<userId>:*\"", Underlined(diagnostic));
    }

    /// <summary>A repository whose one method, cached, returns <paramref name="returnType"/>; the file opens with <paramref name="usings"/>.</summary>
    private static string WithResult(string returnType, params string[] usings) => App(usings).Repository("IR", $"{returnType} Get(int id);", $"""
        [Cached("00:01:00", "k:<id>")]
        public {returnType} Get(int id) => throw new NotSupportedException();
        """);

    /// <summary>A repository after <paramref name="start"/> keyed on its one parameter, of <paramref name="type"/>.</summary>
    private static string KeyedOn(string type, UserSource start) => start.Repository("IR", $"int Get({type} value);", $"""
        [Cached("00:01:00", "k:<value>")]
        public int Get({type} value) => 1;
        """);
}
