namespace CachingGen.Generator.Sql;

/// <summary>
/// What a method's SQL reads, changes (<see cref="Writes"/>: update, delete, merge, upsert, replace, truncate, copy) and
/// only adds rows to (<see cref="Inserts"/>); <see cref="Unknown"/> says why some of it could not be read (never "nothing").
/// The columns refine the tables: a write changes a read only through a column the read uses, or through whole rows.
/// </summary>
internal sealed record SqlTableSet(EquatableArray<string> Reads, EquatableArray<string> Writes, string? Unknown)
{
    public SqlTableSet(string[] reads, string[] writes, string? unknown)
        : this(reads.ToEquatableArray(), writes.ToEquatableArray(), unknown)
    {
    }

    public EquatableArray<string> Inserts { get; init; }

    /// <summary>Every column name the reading statements use (select list, WHERE, JOIN, ORDER BY…), lower-case.</summary>
    public EquatableArray<string> ReadColumns { get; init; }

    /// <summary>A read of <c>*</c> (or of no statement the analysis could list): every column counts.</summary>
    public bool ReadsEveryColumn { get; init; }

    /// <summary><c>table.column</c> for each column an <c>UPDATE … SET</c> changes.</summary>
    public EquatableArray<string> Changed { get; init; }

    /// <summary>Written tables whose rows change as a whole (delete, merge, upsert, truncate, an update whose SET list was not read).</summary>
    public EquatableArray<string> WholeRows { get; init; }

    /// <summary><c>table.column</c> for each column an <c>INSERT</c> lists; a table inserted into without a list has none.</summary>
    public EquatableArray<string> InsertColumns { get; init; }

    /// <summary>Tables inserted into whose key the database makes (<c>RETURNING</c>, <c>OUTPUT inserted.</c>, <c>SCOPE_IDENTITY()</c>, <c>LAST_INSERT_ID()</c>…).</summary>
    public EquatableArray<string> GeneratedKeys { get; init; }

    /// <summary>
    /// What each read table's rows have in common (<see cref="SqlBinding"/>): only bindings every statement reading their
    /// table makes, so <see cref="Union"/> intersects them per table. Empty unless asked for (the manifest).
    /// </summary>
    public EquatableArray<SqlBinding> Bindings { get; init; }

    /// <summary>This set without bindings: SQL whose parameters cannot be mapped to the method's (a helper's, a caller's text).</summary>
    public SqlTableSet Unbound() => Bindings.Count == 0 ? this : this with { Bindings = default };

    /// <summary>Both sets together (several statements, the texts a variable may hold, a caller and its helper); null when neither runs any.</summary>
    public static SqlTableSet? Union(SqlTableSet? a, SqlTableSet? b)
        => a is null ? b : b is null ? a : new SqlTableSet(Merge(a.Reads, b.Reads), Merge(a.Writes, b.Writes), a.Unknown ?? b.Unknown)
        {
            Inserts = Merge(a.Inserts, b.Inserts),
            ReadColumns = Merge(a.ReadColumns, b.ReadColumns),
            ReadsEveryColumn = a.ReadsEveryColumn || b.ReadsEveryColumn,
            Changed = Merge(a.Changed, b.Changed),
            WholeRows = Merge(a.WholeRows, b.WholeRows),
            InsertColumns = Merge(a.InsertColumns, b.InsertColumns),
            GeneratedKeys = Merge(a.GeneratedKeys, b.GeneratedKeys),
            Bindings = Intersect(a, b),
        };

    /// <summary>
    /// This set plus tables stated by <c>[ReadsTable]</c>/<c>[WritesTable]</c>: what they read or write counts whole. A
    /// stated read binds nothing: the method reads through something the analysis cannot see, maybe its SQL's tables too.
    /// </summary>
    public static SqlTableSet? WithDeclared(SqlTableSet? sql, string[] reads, string[] writes)
        => reads.Length == 0 && writes.Length == 0 ? sql : Union(reads.Length > 0 ? sql?.Unbound() : sql, new SqlTableSet(reads, writes, null)
        {
            ReadsEveryColumn = reads.Length > 0,
            WholeRows = writes.ToEquatableArray(),
        });

    /// <summary>Each set's bindings of the tables the other does not read, and those both make of the tables both read.</summary>
    private static EquatableArray<SqlBinding> Intersect(SqlTableSet a, SqlTableSet b)
    {
        if (a.Bindings.Count == 0 && b.Bindings.Count == 0)
        {
            return default;
        }

        return SqlBinding.Sorted(a.Bindings.Where(x => !b.Reads.Contains(x.Table) || b.Bindings.Contains(x)).Concat(b.Bindings.Where(x => !a.Reads.Contains(x.Table))))
            .ToEquatableArray();
    }

    private static EquatableArray<string> Merge(EquatableArray<string> a, EquatableArray<string> b)
        => b.Count == 0 ? a : a.Count == 0 ? b : a.Concat(b).Distinct().OrderBy(s => s, System.StringComparer.Ordinal).ToEquatableArray();
}
