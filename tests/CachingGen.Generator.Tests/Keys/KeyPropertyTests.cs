using System.Reflection;
using CachingGen.Generator.Parsing;
using CachingGen.Keys;
using CsCheck;

namespace CachingGen.Generator.Tests.Keys;

/// <summary>
/// Keys are collision-free by construction: for every template the analyzer accepts, different argument lists never
/// build the same key, and two templates never build a common key unless the analyzer reports it (CG0016/CG0018).
/// Random templates (literal runs of separators, punctuation, letters, digits and non-ASCII text around placeholders)
/// and random values (empty, null, escape characters, separators, the template's own punctuation, non-ASCII).
/// </summary>
public sealed class KeyPropertyTests
{
    // Few characters, so that random values often contain each template's punctuation and collisions, if the scheme
    // allowed them, would be found within the iterations.
    private static readonly Gen<string> Literal = Gen.String[Gen.Char[":-./|# a0_é"], 0, 3];
    private static readonly Gen<string?> Value = Gen.Int[0, 6].Select(Gen.String[Gen.Char["\\:*{}-./|# a0é"], 0, 4], (n, s) => n == 0 ? null : s);

    /// <summary>A template with 1–3 placeholders that the analyzer accepts, with its tokens.</summary>
    private static readonly Gen<(string Text, List<TemplateToken> Tokens)> Template =
        Gen.Select(Literal, Literal.Array[1, 3])
            .Select(parts => parts.Item1 + string.Concat(parts.Item2.Select((literal, i) => $"<p{i}>{literal}")))
            .Select(text => (Text: text, Ok: KeyTemplateParser.TryParse(text, out var tokens, out _), Tokens: tokens))
            .Where(t => t.Ok)
            .Select(t => (t.Text, t.Tokens));

    [Fact]
    public void Different_arguments_of_one_template_never_build_the_same_key()
    {
        Gen.Select(Template, Value.Array[3], Value.Array[3]).Sample((template, a, b) =>
        {
            var count = TemplateKeys.PlaceholderCount(template.Tokens);
            var first = a.Take(count).ToArray();
            var second = b.Take(count).ToArray();
            return first.SequenceEqual(second) || TemplateKeys.Build(template.Tokens, first) != TemplateKeys.Build(template.Tokens, second);
        }, iter: 200_000);
    }

    [Fact]
    public void Two_templates_build_a_common_key_only_when_the_analyzer_reports_their_overlap()
    {
        Gen.Select(Template, Template, Value.Array[3], Value.Array[3]).Sample((t1, t2, a, b) =>
        {
            var k1 = TemplateKeys.Build(t1.Tokens, a.Take(TemplateKeys.PlaceholderCount(t1.Tokens)).ToArray());
            var k2 = TemplateKeys.Build(t2.Tokens, b.Take(TemplateKeys.PlaceholderCount(t2.Tokens)).ToArray());
            if (k1 != k2)
            {
                return true;
            }

            // CrossMethodChecks reports CG0016 or CG0018 for every overlapping pair that is not the same shape; the same
            // shape builds the same keys by design (two names for one template).
            var s1 = KeyShape.TryCreate(t1.Text)!;
            var s2 = KeyShape.TryCreate(t2.Text)!;
            return KeyShape.Overlaps(s1, s2) && KeyShape.Overlaps(s2, s1);
        }, iter: 500_000);
    }

    [Theory]
    [InlineData("dash:<a>-<b>", "a", "b-c", "a-b", "c")]
    [InlineData("p:<a>.<b>", "x.", "y", "x", ".y")]
    [InlineData("s:<a> <b>", "x ", "y", "x", " y")]
    [InlineData("u:<a>:<b>", "1:2", "3", "1", "2:3")]
    [InlineData("n:<a>-<b>", null, "x", "\\0", "x")]
    [InlineData("e:<a>-<b>", "", "x", null, "x")]
    public void Generated_key_builders_keep_the_cases_that_used_to_collide_apart(string template, string? a1, string? b1, string? a2, string? b2)
    {
        var keys = GeneratedKeys(template);
        var first = keys(a1, b1);
        var second = keys(a2, b2);

        Assert.NotEqual(first, second);
        Assert.True(KeyTemplateParser.TryParse(template, out var tokens, out _));
        Assert.Equal(TemplateKeys.Build(tokens, [a1, b1]), first);
        Assert.Equal(TemplateKeys.Build(tokens, [a2, b2]), second);
    }

    /// <summary>The generated public key builder of <paramref name="template"/>, compiled and loaded.</summary>
    private static Func<string?, string?, string> GeneratedKeys(string template)
    {
        var source = $$"""
            using System.Threading.Tasks;
            using CachingGen;
            namespace Keys;
            public interface IRepo { Task<string> GetAsync(string? a, string? b); }
            public sealed class Repo : IRepo
            {
                [Cached("00:01:00", "{{template}}")]
                public Task<string> GetAsync(string? a, string? b) => Task.FromResult("");
            }
            """;
        var assembly = GeneratorHarness.CompileAndLoad(source);
        var builder = assembly.GetType("Keys.RepoCacheKeys", throwOnError: true)!
            .GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.ReturnType == typeof(string));
        return (a, b) => (string)builder.Invoke(null, [a, b])!;
    }
}
