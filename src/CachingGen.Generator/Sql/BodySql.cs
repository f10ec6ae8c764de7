namespace CachingGen.Generator.Sql;

/// <summary>
/// What one method body's SQL touches, before its class is taken into account: the tables of the SQL it runs itself,
/// which of its parameters it runs as SQL (a helper's callers supply those texts), and what it hands to the private
/// methods of its class. Equatable and free of symbols, so it can be kept across compilations.
/// </summary>
/// <param name="Tables">Its own SQL's tables; null when it runs none that was found.</param>
/// <param name="SqlParameters">Its parameters whose value it runs as SQL.</param>
/// <param name="Calls">Its calls to private methods of its class, with the SQL texts of their string arguments.</param>
internal sealed record BodySql(SqlTableSet? Tables, EquatableArray<string> SqlParameters, EquatableArray<HelperCall> Calls);

/// <summary>A call to a private method of the same class (by documentation id), with what each string argument's texts touch.</summary>
internal sealed record HelperCall(string Helper, EquatableArray<HelperArgument> Arguments);

/// <summary>The tables of the texts passed for one parameter (<see cref="SqlTableSet.Unknown"/> when they are not constant).</summary>
internal sealed record HelperArgument(string Parameter, SqlTableSet Tables);
