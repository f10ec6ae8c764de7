namespace CachingGen.Postgres.Internals;

/// <summary>
/// One image of a changed row (before or after the change), as far as the stream carries it: a column is known when its
/// value came in the tuple. The default replica identity sends only the key columns of an old row, and an unchanged
/// TOASTed value is not sent at all; those are unknown, and a key that needs them is invalidated by prefix instead.
/// </summary>
internal sealed class RowImage(IReadOnlyList<string> columns, string?[] values, bool[] known)
{
    public IReadOnlyList<string> Columns { get; } = columns;

    /// <summary>The value of <paramref name="column"/> (null for SQL NULL), or false when this image does not carry it.</summary>
    public bool TryGet(string column, out string? value)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            // The manifest writes an unquoted column in lower case, as PostgreSQL folds it.
            if (known[i] && (string.Equals(Columns[i], column, StringComparison.Ordinal) || string.Equals(Columns[i].ToLowerInvariant(), column, StringComparison.Ordinal)))
            {
                value = values[i];
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>The old row of an update the stream sent without one (the key did not change): its key columns, as the new row has them.</summary>
    public RowImage KeyColumnsOnly(IReadOnlyList<bool> isKey)
    {
        var onlyKeys = new bool[known.Length];
        for (var i = 0; i < onlyKeys.Length; i++)
        {
            onlyKeys[i] = known[i] && isKey[i];
        }

        return new RowImage(Columns, values, onlyKeys);
    }
}
