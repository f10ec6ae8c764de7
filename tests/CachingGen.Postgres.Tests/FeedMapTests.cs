using System.Collections.Generic;
using CachingGen.Infrastructure;
using CachingGen.Postgres.Internals;

namespace CachingGen.Postgres.Tests;

/// <summary>From a row image to keys, without a database: exact keys when every placeholder binds, prefixes otherwise, escapes as the key builders write them.</summary>
public sealed class FeedMapTests
{
    private static readonly string[] s_columns = ["user_id", "email", "owner_id", "amount"];

    private static FeedRead Read(string template, params FeedBinding[] bindings)
        => new("Repo." + template, template, ["accounts"], bindings, null);

    private static RowImage Row(params string?[] values) => new(s_columns, values, values.Select(_ => true).ToArray());

    private static List<CacheInvalidation> Collect(FeedMap map, RowImage? oldRow, RowImage? newRow)
    {
        var into = new HashSet<CacheInvalidation>();
        map.Collect("accounts", oldRow, newRow, into);
        return into.OrderBy(i => i.KeyOrPrefix, System.StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void A_bound_placeholder_gives_the_old_and_the_new_rows_exact_keys()
    {
        var map = new FeedMap([Read("owner:total:<ownerId>", new FeedBinding("ownerId", "accounts", "owner_id", "int"))]);

        var keys = Collect(map, Row("1", "a@x", "100", "10"), Row("1", "a@x", "200", "10"));

        Assert.Equal([CacheInvalidation.Key("owner:total:100"), CacheInvalidation.Key("owner:total:200")], keys);
    }

    [Fact]
    public void A_column_the_image_lacks_gives_the_prefix_up_to_that_placeholder()
    {
        var map = new FeedMap([Read("owner:<ownerId>:user:<userId>", new FeedBinding("ownerId", "accounts", "owner_id", "int"), new FeedBinding("userId", "accounts", "user_id", "int"))]);
        var keyOnly = Row("1", "a@x", "100", "10").KeyColumnsOnly([true, false, false, false]);

        var keys = Collect(map, keyOnly, Row("1", "a@x", "100", "10"));

        Assert.Equal([CacheInvalidation.Prefix("owner:"), CacheInvalidation.Key("owner:100:user:1")], keys);
    }

    [Fact]
    public void Values_are_escaped_as_the_generated_key_builders_escape_them()
    {
        var map = new FeedMap([Read("user:email:<email>", new FeedBinding("email", "accounts", "email", "string"))]);

        var keys = Collect(map, null, Row("1", "we:ird*{}\\", "100", "10"));

        Assert.Equal([CacheInvalidation.Key("user:email:we\\:ird\\*\\{\\}\\\\")], keys);
    }

    [Theory]
    [InlineData("decimal", "10.50")]
    [InlineData("int", "007")]
    [InlineData("int", "99999999999")]
    [InlineData("System.DateTime", "2026-12-07 10:00:00")]
    public void A_type_or_a_text_that_cannot_be_spelled_exactly_falls_back_to_the_prefix(string type, string text)
    {
        var map = new FeedMap([Read("by:<value>", new FeedBinding("value", "accounts", "amount", type))]);

        var keys = Collect(map, null, Row("1", "a@x", "100", text));

        Assert.Equal([CacheInvalidation.Prefix("by:")], keys);
    }

    [Theory]
    [InlineData("bool", "t", "true")]
    [InlineData("bool?", "f", "false")]
    [InlineData("long", "-42", "-42")]
    [InlineData("System.Guid", "0f8fad5b-d9cb-469f-a165-70867728950e", "0f8fad5b-d9cb-469f-a165-70867728950e")]
    public void Types_whose_text_is_the_same_in_both_are_exact(string type, string text, string key)
    {
        var map = new FeedMap([Read("by:<value>", new FeedBinding("value", "accounts", "amount", type))]);

        Assert.Equal([CacheInvalidation.Key("by:" + key)], Collect(map, null, Row("1", "a@x", "100", text)));
    }

    [Fact]
    public void A_null_in_a_bound_column_is_in_no_key()
    {
        var map = new FeedMap([Read("by:<value>", new FeedBinding("value", "accounts", "amount", "int?"))]);

        Assert.Empty(Collect(map, null, Row("1", "a@x", "100", null)));
    }

    [Fact]
    public void A_read_of_two_tables_is_invalidated_by_prefix_even_with_bindings()
    {
        var read = new FeedRead("Repo.Note", "note:user:<userId>", ["accounts", "notes"], [new FeedBinding("userId", "accounts", "user_id", "int")], null);
        var map = new FeedMap([read]);

        Assert.Equal([CacheInvalidation.Prefix("note:user:")], Collect(map, null, Row("1", "a@x", "100", "10")));
    }

    [Fact]
    public void A_truncate_and_a_read_without_placeholders_cover_the_whole_read()
    {
        var map = new FeedMap([Read("accounts:count"), Read("balance:user:<userId>", new FeedBinding("userId", "accounts", "user_id", "int"))]);
        var into = new HashSet<CacheInvalidation>();

        map.CollectTruncate("accounts", into);

        Assert.Equal([CacheInvalidation.Key("accounts:count"), CacheInvalidation.Prefix("balance:user:")], into.OrderBy(i => i.KeyOrPrefix, System.StringComparer.Ordinal));
        Assert.Equal(into.OrderBy(i => i.KeyOrPrefix), map.Everything.OrderBy(i => i.KeyOrPrefix));
    }

    [Fact]
    public void Reads_with_unknown_tables_are_listed_as_uncovered_and_not_followed()
    {
        var map = new FeedMap([new FeedRead("Repo.Api", "api:<id>", [], [], "no SQL the analysis can read was found")]);

        Assert.Single(map.Uncovered);
        Assert.Empty(map.Tables);
    }

    [Fact]
    public void A_read_whose_sql_is_partly_unknown_is_still_followed_on_its_known_tables()
    {
        var map = new FeedMap([new FeedRead("Repo.Mixed", "mixed:<id>", ["accounts"], [], "its SQL 'Queries.Load(name)' is not a constant string")]);

        Assert.Single(map.Uncovered);
        Assert.Equal(["accounts"], map.Tables);
        Assert.Equal([CacheInvalidation.Prefix("mixed:")], Collect(map, null, Row("1", "a@x", "100", "10")));
    }

    [Fact]
    public void The_prefix_shapes_are_the_ones_a_distributed_level_must_index_keys_under()
    {
        var map = new FeedMap([Read("owner:<ownerId>:user:<userId>")]);

        Assert.Equal([new PrefixShape("owner:", 1), new PrefixShape("owner:", 3)], map.Shapes.OrderBy(s => s.Depth));
    }
}
