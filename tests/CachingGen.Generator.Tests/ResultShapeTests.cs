using System.Text.RegularExpressions;
using CachingGen.Generator.Hashing;
using CachingGen.Generator.Parsing;

namespace CachingGen.Generator.Tests;

/// <summary>
/// The result shape hash: equal for types System.Text.Json reads and writes alike (so a deploy keeps the entries of
/// an unchanged type), different when the JSON changes (so a deploy never reads the old entries as the new type).
/// </summary>
public sealed class ResultShapeTests
{
    private const string Baseline = """
        namespace Shapes;
        public enum Status { Open = 0, Closed = 1 }
        public sealed record Address(string Street, int Number);
        public sealed class Order
        {
            public int Id { get; init; }
            public string? Name { get; init; }
            public Status Status { get; init; }
            public Address? Shipping { get; init; }
        }
        """;

    [Fact]
    public void The_same_type_hashes_the_same_in_two_compilations_and_in_the_generated_descriptor()
    {
        Assert.Equal(Hash(Baseline), Hash(Baseline));
        Assert.Equal(EmittedShape(Baseline), EmittedShape(Baseline));
        Assert.Equal(Hash(Baseline), EmittedShape(Baseline));
    }

    [Theory]
    [InlineData("public int Id { get; init; }", "public int Id { get; init; }\n    public override string ToString() => Name ?? string.Empty;")]
    [InlineData("public int Id { get; init; }", "// the order's number\n    public int Id { get; init; }")]
    [InlineData("public int Id { get; init; }", "private int _secret;\n    public int Id { get; init; }")]
    [InlineData("public int Id { get; init; }", "public static int Count { get; set; }\n    public int Id { get; init; }")]
    [InlineData("public int Id { get; init; }", "public int Field;\n    public int Id { get; init; }")]
    [InlineData("public int Id { get; init; }", "internal int Hidden { get; init; }\n    public int Id { get; init; }")]
    [InlineData("public string? Name { get; init; }", "public string Name { get; init; } = string.Empty;")]
    public void Changes_that_leave_the_json_alone_keep_the_hash(string before, string after)
        => Assert.Equal(Hash(Baseline), Hash(Baseline.Replace(before, after, System.StringComparison.Ordinal)));

    [Theory]
    [InlineData("public int Id { get; init; }", "public int Id { get; init; }\n    public int Extra { get; init; }")]
    [InlineData("public string? Name { get; init; }", "")]
    [InlineData("public string? Name { get; init; }", "public string? Title { get; init; }")]
    [InlineData("public int Id { get; init; }", "public long Id { get; init; }")]
    [InlineData("public int Id { get; init; }", "public int? Id { get; init; }")]
    [InlineData("public int Id { get; init; }\n    public string? Name { get; init; }", "public string? Name { get; init; }\n    public int Id { get; init; }")]
    [InlineData("record Address(string Street, int Number)", "record Address(string Street, long Number)")]
    [InlineData("record Address(string Street, int Number)", "record Address(string Street, int Number, string Zip)")]
    [InlineData("Closed = 1 }", "Closed = 1, Archived = 2 }")]
    [InlineData("Closed = 1 }", "Closed = 2 }")]
    [InlineData("public int Id { get; init; }", "[System.Text.Json.Serialization.JsonPropertyName(\"id\")] public int Id { get; init; }")]
    [InlineData("public int Id { get; init; }", "[System.Text.Json.Serialization.JsonIgnore] public int Id { get; init; }")]
    public void Changes_to_the_json_change_the_hash(string before, string after)
    {
        var changed = Baseline.Replace(before, after, System.StringComparison.Ordinal);
        Assert.NotEqual(Baseline, changed);
        Assert.NotEqual(Hash(Baseline), Hash(changed));
    }

    [Fact]
    public void Collections_of_the_same_element_hash_the_same()
    {
        var compilation = GeneratorHarness.CreateCompilation(Baseline + """

            public sealed class Holder
            {
                public System.Collections.Generic.List<Order> AsList { get; } = new();
                public System.Collections.Generic.IReadOnlyList<Order> AsReadOnlyList { get; } = new Order[0];
                public Order[] AsArray { get; } = new Order[0];
                public System.Collections.Generic.IEnumerable<Order> AsEnumerable { get; } = new Order[0];
                public System.Collections.Generic.Dictionary<string, Order> AsDictionary { get; } = new();
                public System.Collections.Generic.IReadOnlyDictionary<string, Order> AsReadOnlyDictionary { get; } = new System.Collections.Generic.Dictionary<string, Order>();
            }
            """);
        var holder = compilation.GetTypeByMetadataName("Shapes.Holder")!;
        var hashes = holder.GetMembers().OfType<Microsoft.CodeAnalysis.IPropertySymbol>().ToDictionary(p => p.Name, p => ResultShapeHash.Of(p.Type));

        Assert.Equal(hashes["AsList"], hashes["AsReadOnlyList"]);
        Assert.Equal(hashes["AsList"], hashes["AsArray"]);
        Assert.Equal(hashes["AsList"], hashes["AsEnumerable"]);
        Assert.Equal(hashes["AsDictionary"], hashes["AsReadOnlyDictionary"]);
        Assert.NotEqual(hashes["AsList"], hashes["AsDictionary"]);
    }

    [Fact]
    public void Cycles_terminate_and_still_see_changes_behind_them()
    {
        const string tree = """
            namespace Shapes;
            public sealed class Node
            {
                public string Name { get; init; } = "";
                public Node? Parent { get; init; }
                public System.Collections.Generic.IReadOnlyList<Node> Children { get; init; } = [];
                public Leaf? Leaf { get; init; }
            }
            public sealed class Leaf { public Node? Owner { get; init; } public int Weight { get; init; } }
            """;

        var text = ResultShapeHash.Describe(Type(tree, "Shapes.Node"));

        Assert.Contains("^0", text, System.StringComparison.Ordinal);
        Assert.NotEqual(Hash(tree, "Shapes.Node"), Hash(tree.Replace("int Weight", "long Weight", System.StringComparison.Ordinal), "Shapes.Node"));
    }

    [Fact]
    public void The_canonical_text_is_what_json_carries_and_no_type_names()
        => Assert.Equal(
            "{Id:System.Int32;Name:System.String;Status:enum{Open=0;Closed=1;};Shipping:{Street:System.String;Number:System.Int32;ctor(STREET,NUMBER)};}",
            ResultShapeHash.Describe(Type(Baseline, "Shapes.Order")));

    [Fact]
    public void The_hash_is_fnv1a_and_independent_of_the_process()
        => Assert.Equal(0x811C9DC5u, StableHash.OfBytes(string.Empty));

    private static uint Hash(string source, string type = "Shapes.Order") => ResultShapeHash.Of(Type(source, type));

    private static Microsoft.CodeAnalysis.ITypeSymbol Type(string source, string type)
        => GeneratorHarness.CreateCompilation(source).GetTypeByMetadataName(type) ?? throw new Xunit.Sdk.XunitException(type + " not found");

    // What the decorator passes to CacheMethod.ForCached for a [Cached] method returning Shapes.Order.
    private static uint EmittedShape(string shapes)
    {
        const string repository = """
            using System.Threading.Tasks;
            using CachingGen;
            namespace Shapes;
            public interface IOrders { Task<Order?> FindAsync(int id); }
            public sealed class Orders : IOrders
            {
                [Cached("5m", "order:<id>")]
                public Task<Order?> FindAsync(int id) => Task.FromResult<Order?>(null);
            }
            """;
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(shapes, repository));
        var generated = string.Join("\n", result.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()));
        var match = Regex.Match(generated, "resultShape: 0x([0-9A-F]{8})u");
        Assert.True(match.Success, "no resultShape argument in:\n" + generated);
        return uint.Parse(match.Groups[1].Value, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
    }
}
