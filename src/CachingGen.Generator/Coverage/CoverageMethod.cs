using CachingGen.Generator.Sql;

namespace CachingGen.Generator.Coverage;

/// <summary>
/// One method of a repository class as coverage sees it: everything its SQL touches (its own, its private helpers',
/// what it hands them, and its <c>[ReadsTable]</c>/<c>[WritesTable]</c>), and the values it can name keys with.
/// </summary>
/// <param name="Method">The method.</param>
/// <param name="Tables">Null when it runs no SQL the analysis found and states no table.</param>
/// <param name="Names">Its parameters and their public members (<c>balance.UserId</c>).</param>
internal sealed record CoverageMethod(IMethodSymbol Method, SqlTableSet? Tables, IReadOnlyList<string> Names);
