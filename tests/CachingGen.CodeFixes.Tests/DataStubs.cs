namespace CachingGen.CodeFixes.Tests;

/// <summary>
/// Dapper's calls and Npgsql's connection, declared for the compiler only (the SQL analysis knows them by their names),
/// and the start of a repository file that uses them.
/// </summary>
internal static class DataStubs
{
    /// <summary>The usings and namespace of a repository file on Dapper and Npgsql.</summary>
    public static readonly UserSource Shop = UserSource.Using("System.Threading.Tasks", "CachingGen", "Dapper", "Npgsql").Namespace("Shop");

    private const string ExecuteScalar = "public static Task<T> ExecuteScalarAsync<T>(this Npgsql.NpgsqlConnection cnn, string sql, object? param = null) => throw null!;";

    private const string Execute = "public static Task<int> ExecuteAsync(this Npgsql.NpgsqlConnection cnn, string sql, object? param = null) => throw null!;";

    /// <summary>The stubs with <c>ExecuteScalarAsync</c>, and <c>ExecuteAsync</c> for a test whose writers call it.</summary>
    public static string Dapper(bool execute) => $$"""
        using System.Threading.Tasks;
        namespace Dapper
        {
            public static class SqlMapper
            {
                {{ExecuteScalar}}{{(execute ? "\n        " + Execute : string.Empty)}}
            }
        }

        namespace Npgsql
        {
            public sealed class NpgsqlConnection { }
        }
        """;
}
