namespace CachingGen.Generator.Sql;

/// <summary>
/// A promise a reading statement makes: every row of <paramref name="Table"/> it can return has <paramref name="Column"/>
/// equal to <paramref name="Parameter"/> (a <c>WHERE column = @parameter</c> conjunct of a single-table SELECT). Read
/// from the SQL, <paramref name="Parameter"/> is the SQL parameter's name; once <see cref="SqlSites"/> has mapped it
/// through the call that runs the SQL, it is the method parameter's name.
/// </summary>
/// <param name="Table">As <see cref="SqlTableSet.Reads"/> names it.</param>
/// <param name="Column">Lower-case unless quoted (then as written, without the quotes).</param>
/// <param name="Parameter">The SQL parameter (without <c>@</c>/<c>:</c>), or the method parameter it is mapped to.</param>
internal sealed record SqlBinding(string Table, string Column, string Parameter)
{
    /// <summary>Distinct, by table, column and parameter: the order the models and the manifest keep.</summary>
    public static List<SqlBinding> Sorted(IEnumerable<SqlBinding> bindings)
        => bindings.Distinct()
            .OrderBy(b => b.Table, StringComparer.Ordinal).ThenBy(b => b.Column, StringComparer.Ordinal).ThenBy(b => b.Parameter, StringComparer.Ordinal)
            .ToList();
}
