namespace CachingGen;

/// <summary>
/// States that a <see cref="CachedAttribute"/> method's result depends on <paramref name="table"/> although its SQL does not
/// name it (a view, a function, SQL built at run time), so the analyzer warns about writes of that table that do not
/// invalidate the method (CG0029). Repeat it for each table.
/// </summary>
/// <param name="table">The table, as the SQL of the writes names it (<c>balances</c>; a schema prefix is ignored).</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class ReadsTableAttribute(string table) : Attribute
{
    /// <summary>The table, as written.</summary>
    public string Table { get; } = table;
}
