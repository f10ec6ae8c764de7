namespace CachingGen;

/// <summary>
/// States that a method writes <paramref name="table"/> although its SQL does not say so (a stored procedure, a trigger,
/// SQL built at run time), so the analyzer checks that it invalidates the cached reads of that table (CG0029). Repeat it
/// for each table.
/// </summary>
/// <param name="table">The table, as the SQL of the reads names it (<c>balances</c>; a schema prefix is ignored).</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class WritesTableAttribute(string table) : Attribute
{
    /// <summary>The table, as written.</summary>
    public string Table { get; } = table;
}
