using CachingGen.Generator.Coverage;
using CachingGen.Generator.Model;
using CachingGen.Generator.Sql;

namespace CachingGen.Generator.Tests.Coverage;

/// <summary>
/// The reads a writer is judged against (the manifest's verdicts, CG0029): exactly those sharing a table it writes or
/// inserts into, in the reads' order, each once. <see cref="CoverageJudge"/> finds no effect for any other pair.
/// </summary>
public sealed class ReadsByTableTests
{
    private static readonly SqlTableSet?[] s_reads =
    [
        new SqlTableSet(["orders"], [], null),
        null,
        new SqlTableSet(["users", "orders"], [], null),
        new SqlTableSet(["balances"], [], null),
        new SqlTableSet(["users"], [], null),
    ];

    [Fact]
    public void A_writer_meets_the_reads_of_the_tables_it_writes_and_inserts_into_in_order_and_once()
    {
        var index = new ReadsByTable(s_reads);
        var writer = new SqlTableSet([], ["users", "orders"], null) { Inserts = new[] { "orders" }.ToEquatableArray() };

        Assert.Equal([0, 2, 4], index.For(writer));
    }

    [Fact]
    public void A_writer_of_tables_nobody_reads_meets_no_read()
    {
        var index = new ReadsByTable(s_reads);

        Assert.Empty(index.For(new SqlTableSet([], ["audit"], null)));
        Assert.Empty(index.For(new SqlTableSet(["orders"], [], null)));
    }

    [Fact]
    public void Every_pair_it_skips_is_one_the_judge_finds_no_effect_for()
    {
        var writers = new[]
        {
            new SqlTableSet([], ["audit"], null),
            new SqlTableSet([], ["balances"], null),
            new SqlTableSet(Array.Empty<string>(), Array.Empty<string>(), null) { Inserts = new[] { "users" }.ToEquatableArray() },
        };
        var index = new ReadsByTable(s_reads);
        foreach (var writer in writers)
        {
            var met = index.For(writer);
            for (var i = 0; i < s_reads.Length; i++)
            {
                if (s_reads[i] is { } read && !met.Contains(i))
                {
                    Assert.Equal(CoverageEffect.None, CoverageJudge.Judge(read, writer, "user:<id>", [], out _));
                }
            }
        }
    }
}
