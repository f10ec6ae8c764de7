using CachingGen.Generator.Sql;

namespace CachingGen.Generator.Coverage;

/// <summary>
/// Whether a writer's SQL changes what a cached read returns: the one rule behind CG0029 and the manifest's verdicts.
/// A write changes the read through a table both use, and, when both column lists are known, through a column the
/// read uses (an <c>UPDATE … SET</c> of other columns does not). An insert changes the read unless the read is keyed
/// by the new row's own key and the insert does not supply it (the database makes it: identity, serial,
/// <c>RETURNING</c>, <c>SCOPE_IDENTITY()</c>, <c>LAST_INSERT_ID()</c>…): a by-id read of a row that did not exist.
/// </summary>
internal static class CoverageJudge
{
    /// <summary>The effect of <paramref name="writer"/> on the read, and the table it goes through.</summary>
    public static CoverageEffect Judge(SqlTableSet read, SqlTableSet writer, string template, IReadOnlyList<string> writerNames, out string? table)
    {
        table = read.Reads.FirstOrDefault(t => writer.Writes.Contains(t) && ChangesColumns(read, writer, t));
        if (table is not null)
        {
            return CoverageEffect.Changes;
        }

        table = read.Reads.FirstOrDefault(writer.Inserts.Contains);
        if (table is null)
        {
            return CoverageEffect.None;
        }

        return NewRowsOnly(writer, table, template, writerNames) ? CoverageEffect.NewRowsOnly : CoverageEffect.Changes;
    }

    private static bool ChangesColumns(SqlTableSet read, SqlTableSet writer, string table)
    {
        if (writer.WholeRows.Contains(table) || read.ReadsEveryColumn || read.ReadColumns.Count == 0)
        {
            return true;
        }

        var prefix = table + ".";
        var changed = writer.Changed.Where(c => c.StartsWith(prefix, StringComparison.Ordinal)).Select(c => c.Substring(prefix.Length)).ToList();
        return changed.Count == 0 || changed.Any(read.ReadColumns.Contains);
    }

    private static bool NewRowsOnly(SqlTableSet writer, string table, string template, IReadOnlyList<string> writerNames)
    {
        var prefix = table + ".";
        var columns = writer.InsertColumns.Where(c => c.StartsWith(prefix, StringComparison.Ordinal)).Select(c => Plain(c.Substring(prefix.Length))).ToList();
        foreach (var placeholder in PlaceholderBinding.Placeholders(template))
        {
            var name = Plain(placeholder.Split('.').Last());
            if (!IsKey(name, table))
            {
                continue;
            }

            // The insert lists its columns: the key is supplied when one of them is it (id, or order_id for order:<id>).
            var candidates = new[] { name, Plain(PlaceholderBinding.Qualified(template, placeholder)) };
            var supplied = columns.Count > 0
                ? columns.Any(candidates.Contains)
                : !writer.GeneratedKeys.Contains(table) && writerNames.Any(n => Plain(n.Split('.').Last()) == name || candidates.Contains(Plain(n)));
            if (!supplied)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a placeholder names the table's own key: <c>id</c>, or <c>orderId</c> for <c>orders</c>.</summary>
    private static bool IsKey(string name, string table)
    {
        var plain = Plain(table);
        return name == "id" || name == plain + "id" || (plain.EndsWith("s", StringComparison.Ordinal) && name == plain.Substring(0, plain.Length - 1) + "id")
            || (plain.EndsWith("ies", StringComparison.Ordinal) && name == plain.Substring(0, plain.Length - 3) + "yid");
    }

    private static string Plain(string name) => name.Replace("_", string.Empty).ToLowerInvariant();
}
