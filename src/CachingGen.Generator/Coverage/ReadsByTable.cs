using CachingGen.Generator.Sql;

namespace CachingGen.Generator.Coverage;

/// <summary>
/// The cached reads of a compilation by the tables they read, so that a writer is judged only against the reads that
/// share a table with it. <see cref="CoverageJudge"/> finds no effect without such a table, so this skips exactly the
/// pairs it would reject: a project with a thousand reads and a thousand writers judges the pairs that meet in a table
/// (tens of thousands), not every pair (a million, about 0.2 s on each edit of a key in a 2,000-method project).
/// </summary>
internal sealed class ReadsByTable
{
    private readonly Dictionary<string, List<int>> _reads = new(StringComparer.Ordinal);

    /// <param name="reads">What each read reads, in the order the callers keep (null: it reads nothing known).</param>
    public ReadsByTable(IEnumerable<SqlTableSet?> reads)
    {
        var index = 0;
        foreach (var tables in reads)
        {
            foreach (var table in tables is null ? [] : tables.Reads.Items)
            {
                if (!_reads.TryGetValue(table, out var list))
                {
                    _reads[table] = list = [];
                }

                // A read lists a table once, and reads come in order, so each list stays ascending and without repeats.
                if (list.Count == 0 || list[list.Count - 1] != index)
                {
                    list.Add(index);
                }
            }

            index++;
        }
    }

    /// <summary>The positions of the reads that read a table <paramref name="writer"/> writes or inserts into, ascending.</summary>
    public IReadOnlyList<int> For(SqlTableSet writer)
    {
        var found = new SortedSet<int>();
        foreach (var table in writer.Writes.Concat(writer.Inserts))
        {
            if (_reads.TryGetValue(table, out var list))
            {
                found.UnionWith(list);
            }
        }

        return found.ToList();
    }
}
