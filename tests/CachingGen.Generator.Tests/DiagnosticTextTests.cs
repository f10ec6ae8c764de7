using System.Globalization;
using System.Text.RegularExpressions;
using CachingGen.Generator.Analyzers;

namespace CachingGen.Generator.Tests;

/// <summary>"No silent mistakes": each message says what is actually wrong, once, at the text to change.</summary>
public sealed class DiagnosticTextTests
{
    [Fact]
    public async Task Attribute_on_an_interface_method_is_reported_once_saying_to_move_it_to_the_implementation()
    {
        string source = UserSource.Using("System.Threading.Tasks", "CachingGen")
            .Declare("""
                public interface IR
                {
                    [Cached("00:01:00", "r:<id>")]
                    Task<int> GetAsync(int id);
                }
                public sealed class R : IR { public Task<int> GetAsync(int id) => Task.FromResult(id); }
                """);

        await AssertOnlyAsync(
            source,
            "CG0007",
            "GetAsync",
            "'Task<int> IR.GetAsync(int id)' cannot be decorated: it is declared on an interface, and attributes on interface members are not read; move [Cached] to the method of the class that implements it");
    }

    [Theory]
    [InlineData("public abstract class RBase : IR", "public sealed class R : RBase")]
    [InlineData("public abstract class RBase", "public sealed class R : RBase, IR")]
    public async Task Attribute_in_an_abstract_class_says_to_annotate_the_concrete_class_and_not_that_no_interface_is_implemented(string baseDeclaration, string concreteDeclaration)
    {
        string source = UserSource.Using("System.Threading", "System.Threading.Tasks", "CachingGen")
            .Interface("IR", "Task<int> GetAsync(int id, CancellationToken ct = default);")
            .Declare($$"""
                {{baseDeclaration}}
                {
                    [Cached("00:01:00", "r:<id>")]
                    public abstract Task<int> GetAsync(int id, CancellationToken ct = default);
                }
                {{concreteDeclaration}}
                {
                    public override Task<int> GetAsync(int id, CancellationToken ct = default) => Task.FromResult(id);
                }
                """);

        await AssertOnlyAsync(
            source,
            "CG0008",
            "RBase",
            "'RBase' has annotated methods but cannot be decorated: it is abstract, and the generator decorates the concrete class that DI creates, reading the attributes of the methods that run there; put the attributes on the concrete class's methods (the overrides) instead");
    }

    [Fact]
    public async Task Signatures_in_messages_have_no_default_values()
    {
        string source = UserSource.Using("System.Threading", "System.Threading.Tasks", "CachingGen")
            .Repository("IR", "Task<int> GetAsync(int id);", """
                public Task<int> GetAsync(int id) => Task.FromResult(id);
                [Cached("00:01:00", "h:<id>")]
                public Task<int> HiddenAsync(int id, CancellationToken ct = default) => Task.FromResult(id);
                """);

        var diagnostic = Assert.Single(await GeneratorHarness.AnalyzeAsync(source, interceptors: false));

        Assert.Equal("CG0004", diagnostic.Id);
        Assert.Equal("HiddenAsync", Underlined(diagnostic));
        Assert.StartsWith("'Task<int> R.HiddenAsync(int id, CancellationToken ct)' does not implement", Message(diagnostic), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("params int[] ids", "<ids>", "int[]", "an array's text is its type name, not its items")]
    [InlineData("IEnumerable<string> ids", "<ids>", "IEnumerable<string>", "a collection's text is its type name, not its items")]
    public async Task Collection_placeholder_gets_advice_to_pass_a_scalar_and_no_member_path(string parameter, string underlined, string type, string reason)
    {
        string source = UserSource.Using("System.Collections.Generic", "CachingGen")
            .Repository("IR", $"int Get({parameter});", $$"""
                [Cached("00:01:00", "k:<ids>")]
                public int Get({{parameter}}) => 1;
                """);

        var diagnostic = Assert.Single(await GeneratorHarness.AnalyzeAsync(source));

        Assert.Equal("CG0013", diagnostic.Id);
        Assert.Equal(underlined, Underlined(diagnostic));
        Assert.Equal(
            $"The placeholder '<ids>' has type '{type}', which has no stable text form: {reason}; different values would share one cache entry. A key cannot hold a collection: key on a scalar parameter (one call per item), or pass a value whose ToString() is stable, such as a string built from the items.",
            Message(diagnostic));
    }

    [Fact]
    public async Task Class_placeholder_is_advised_to_key_on_an_existing_member()
    {
        string source = UserSource.Using("CachingGen")
            .Declare("""public sealed class Filter { public string Name { get; init; } = ""; public long CustomerId { get; init; } }""")
            .Repository("IR", "int Get(Filter filter);", """
                [Cached("00:01:00", "k:<filter>")]
                public int Get(Filter filter) => 1;
                """);

        var diagnostic = Assert.Single(await GeneratorHarness.AnalyzeAsync(source));

        Assert.Equal("<filter>", Underlined(diagnostic));
        Assert.EndsWith("Either key on a member with stable text, such as <filter.CustomerId>, or override ToString() (a record does) so that it writes every value the result depends on.", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void No_message_puts_a_before_a_quoted_name_or_a_vowel()
    {
        var formats = new CachingGenAnalyzer().SupportedDiagnostics.Select(d => d.MessageFormat.ToString(CultureInfo.InvariantCulture));

        // "a '{1}'" reads "a 'IEnumerable<string>'"; the article cannot follow what is substituted.
        Assert.All(formats, format => Assert.DoesNotMatch(new Regex(@"\ba '|\ba [aeiouAEIOU]"), format));
    }

    [Theory]
    [InlineData("\"h:{id}\"", "{id}", "<id>")]
    [InlineData("\"h:<id>:{ order.Id }\"", "{ order.Id }", "<order.Id>")]
    public async Task Braces_are_a_malformed_template_with_the_placeholder_to_use_and_no_parameter_missing_warning(string keyLiteral, string underlined, string placeholder)
    {
        string source = UserSource.Using("CachingGen").Declare("public sealed class Order { public long Id { get; init; } }")
            .Repository("IR", "int Get(int id, Order order);", $$"""
                [Cached("00:01:00", {{keyLiteral}})]
                public int Get(int id, Order order) => 1;
                """);

        var diagnostics = await GeneratorHarness.AnalyzeAsync(source);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("CG0002", diagnostic.Id);
        Assert.Equal(underlined, Underlined(diagnostic));
        Assert.Equal($"The key template {keyLiteral} is malformed: '{underlined}' is not a placeholder: CachingGen placeholders are written {placeholder}", Message(diagnostic));
        Assert.Equal(placeholder, diagnostic.Properties["Replacement"]);
    }

    [Fact]
    public async Task Braces_around_something_that_is_no_name_are_malformed_without_a_replacement()
    {
        string source = UserSource.Using("CachingGen")
            .Repository("IR", "int Get(int id);", """
                [Cached("00:01:00", "h:<id>:{0}")]
                public int Get(int id) => 1;
                """);

        var diagnostic = Assert.Single(await GeneratorHarness.AnalyzeAsync(source));

        Assert.Equal("{0}", Underlined(diagnostic));
        Assert.EndsWith("'{0}' is not a placeholder: CachingGen placeholders are written <parameterName>", Message(diagnostic), StringComparison.Ordinal);
        Assert.False(diagnostic.Properties.ContainsKey("Replacement"));
    }

    [Theory]
    [InlineData("public sealed class Box { public int Id { get; init; } public string Name { get; set; } = \"\"; }", "Name")]
    [InlineData("public sealed class Box { public readonly int Id; public int Count; }", "Count")]
    [InlineData("public sealed record Box(int Id) { public int Count { get; set; } }", "Count")]
    public async Task Settable_cached_result_class_is_a_warning_at_the_result_type(string boxDeclaration, string member)
    {
        var diagnostic = Assert.Single(await GeneratorHarness.AnalyzeAsync(BoxRepository(boxDeclaration)));

        Assert.Equal("CG0021", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("Box", Underlined(diagnostic));
        Assert.Equal(
            $"'Task<Box> R.GetAsync(int id)' returns 'Box', whose '{member}' can be set: the in-process cache hands every caller the same instance, so one caller's change is seen by the others, while a value read from Redis is a fresh copy; make 'Box' a record with init properties or an immutable class",
            Message(diagnostic));
    }

    [Theory]
    [InlineData("public sealed record Box { public int Id { get; init; } }")]
    [InlineData("public sealed record Box(int Id, string Name);")]
    [InlineData("public sealed class Box { public int Id { get; } public string Name => \"\"; private int _count; public void Add() => _count++; }")]
    [InlineData("public struct Box { public int Id; }")]
    public async Task Immutable_or_value_results_are_not_reported(string boxDeclaration)
    {
        Assert.Empty(await GeneratorHarness.AnalyzeAsync(BoxRepository(boxDeclaration)));
    }

    private static string BoxRepository(string boxDeclaration) => $$"""
        using System.Threading.Tasks;
        using CachingGen;
        {{boxDeclaration}}
        public interface IR { Task<Box> GetAsync(int id); }
        public sealed class R : IR
        {
            [Cached("00:01:00", "box:<id>")]
            public Task<Box> GetAsync(int id) => Task.FromResult(default(Box)!);
        }
        """;

    private static string Message(Diagnostic diagnostic) => diagnostic.GetMessage(CultureInfo.InvariantCulture);

    private static string Underlined(Diagnostic diagnostic) => DiagnosticAssert.Underlined(diagnostic);

    /// <summary>The analyzer reports exactly one diagnostic on <paramref name="source"/>: <paramref name="id"/>, under <paramref name="underlined"/>, saying <paramref name="message"/>.</summary>
    private static async Task AssertOnlyAsync(string source, string id, string underlined, string message)
    {
        var diagnostic = Assert.Single(await GeneratorHarness.AnalyzeAsync(source));
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(underlined, Underlined(diagnostic));
        Assert.Equal(message, Message(diagnostic));
    }
}
