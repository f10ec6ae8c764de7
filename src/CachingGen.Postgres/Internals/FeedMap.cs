using CachingGen.Infrastructure;

namespace CachingGen.Postgres.Internals;

/// <summary>
/// From a row change to the keys it makes stale. For each read of the changed table: when every placeholder of its key
/// binds to a column of that table and the row images carry those columns, the exact keys of the old and the new row;
/// otherwise the read's keys by prefix, up to the first placeholder without a value (a join, a subquery, a column the
/// image lacks: correct, coarse). A truncate empties every read of the table.
/// </summary>
internal sealed class FeedMap
{
    private readonly Dictionary<string, List<FeedRead>> _byTable = new(StringComparer.Ordinal);
    private HashSet<string> _inexact = new(StringComparer.Ordinal);

    public FeedMap(IReadOnlyList<FeedRead> reads)
    {
        // The decorator and each project's interceptors describe one read once each: keep one per method and template.
        Reads = reads.DistinctBy(r => (r.Method, r.Template)).ToList();
        // A read whose SQL is partly unknown is still followed on the tables it is known to read (its own SQL's, or its
        // [ReadsTable]s): coarse and incomplete beats nothing; it is also named at start-up as not wholly covered.
        foreach (var read in Reads)
        {
            foreach (var table in read.Tables)
            {
                if (!_byTable.TryGetValue(table, out var list))
                {
                    _byTable[table] = list = new List<FeedRead>();
                }

                list.Add(read);
            }
        }
    }

    public IReadOnlyList<FeedRead> Reads { get; }

    /// <summary>The tables the feed follows: every table a read with known tables uses.</summary>
    public IReadOnlyCollection<string> Tables => _byTable.Keys;

    /// <summary>Reads whose tables are not all known: the feed cannot invalidate them (CG0032 at build time, a start-up line at run time).</summary>
    public IEnumerable<FeedRead> Uncovered => Reads.Where(r => r.Unknown is not null || r.Tables.Count == 0);

    /// <summary>Every prefix shape the feed may remove by.</summary>
    public IEnumerable<PrefixShape> Shapes => _byTable.Values.SelectMany(l => l).Distinct().SelectMany(r => RowKey.Shapes(r.Template)).Distinct();

    /// <summary>
    /// Columns (<c>table.column</c>, lower-case) whose equality is not the text's (citext, a nondeterministic collation):
    /// a binding to one is treated as unknown, so its read is invalidated by prefix.
    /// </summary>
    public void TreatAsInexact(HashSet<string> columns) => _inexact = columns;

    /// <summary>
    /// The columns of <paramref name="relation"/> some read's binding names (lower-case): the only values worth reading
    /// from a row; the others are skipped in the stream, not decoded into text.
    /// </summary>
    public HashSet<string> NeededColumns(string relation)
        => (ReadsOf(relation) ?? []).SelectMany(r => r.Bindings).Where(b => string.Equals(b.Table, relation, StringComparison.OrdinalIgnoreCase)).Select(b => b.Column.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);

    /// <summary>What one row change makes stale; <paramref name="oldRow"/> is null for an insert, <paramref name="newRow"/> for a delete.</summary>
    public void Collect(string relation, RowImage? oldRow, RowImage? newRow, ISet<CacheInvalidation> into)
    {
        if (ReadsOf(relation) is not { } reads)
        {
            return;
        }

        foreach (var read in reads)
        {
            foreach (var image in new[] { oldRow, newRow })
            {
                if (image is not null && RowKey.Build(read.Template, p => ValueOf(read, relation, p, image)) is { } invalidation)
                {
                    into.Add(invalidation);
                }
            }
        }
    }

    /// <summary>A truncate: every key of every read of the table.</summary>
    public void CollectTruncate(string relation, ISet<CacheInvalidation> into)
    {
        foreach (var read in ReadsOf(relation) ?? [])
        {
            into.Add(Whole(read));
        }
    }

    /// <summary>Everything the feed covers: after a gap it cannot account for (a new or lost slot), all of it is removed.</summary>
    public IEnumerable<CacheInvalidation> Everything => _byTable.Values.SelectMany(l => l).Distinct().Select(Whole).Distinct();

    private static CacheInvalidation Whole(FeedRead read) => RowKey.Build(read.Template, _ => RowKey.Value.Unknown)!.Value;

    private List<FeedRead>? ReadsOf(string relation)
        => _byTable.TryGetValue(relation, out var reads) ? reads
            : _byTable.TryGetValue(relation.ToLowerInvariant(), out reads) ? reads
            : null;

    private RowKey.Value ValueOf(FeedRead read, string relation, string placeholder, RowImage image)
    {
        foreach (var binding in read.Bindings)
        {
            if (binding.Placeholder != placeholder
                || !string.Equals(binding.Table, relation, StringComparison.OrdinalIgnoreCase)
                || read.Tables.Count != 1)
            {
                continue;
            }

            if (_inexact.Contains(binding.Table.ToLowerInvariant() + "." + binding.Column.ToLowerInvariant()) || !image.TryGet(binding.Column, out var text))
            {
                return RowKey.Value.Unknown;
            }

            if (text is null)
            {
                // WHERE column = @value never matches NULL: no key of this read holds this row.
                return RowKey.Value.None;
            }

            return KeyText.Of(binding.Type, text) is { } keyText ? RowKey.Value.Of(keyText) : RowKey.Value.Unknown;
        }

        return RowKey.Value.Unknown;
    }
}
