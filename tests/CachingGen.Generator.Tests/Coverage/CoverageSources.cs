namespace CachingGen.Generator.Tests.Coverage;

/// <summary>Stand-ins for Dapper and Npgsql with their real names and signatures' shape: the analysis reads calls of them.</summary>
internal static class CoverageSources
{
    public const string Data = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Dapper
        {
            public static class SqlMapper
            {
                public static Task<IEnumerable<T>> QueryAsync<T>(this Npgsql.NpgsqlConnection cnn, string sql, object? param = null) => throw null!;
                public static Task<IEnumerable<T>> QueryAsync<T>(this Npgsql.NpgsqlConnection cnn, CommandDefinition command) => throw null!;
                public static Task<T> QuerySingleOrDefaultAsync<T>(this Npgsql.NpgsqlConnection cnn, string sql, object? param = null) => throw null!;
                public static Task<T> QuerySingleAsync<T>(this Npgsql.NpgsqlConnection cnn, CommandDefinition command) => throw null!;
                public static Task<int> ExecuteAsync(this Npgsql.NpgsqlConnection cnn, string sql, object? param = null) => throw null!;
                public static Task<int> ExecuteAsync(this Npgsql.NpgsqlConnection cnn, CommandDefinition command) => throw null!;
                public static Task<T> ExecuteScalarAsync<T>(this Npgsql.NpgsqlConnection cnn, string sql, object? param = null) => throw null!;
                public static int Execute(this Npgsql.NpgsqlConnection cnn, string sql, object? param = null) => throw null!;
            }

            public readonly struct CommandDefinition
            {
                public CommandDefinition(string commandText, object? parameters = null, CancellationToken cancellationToken = default) { }
            }
        }

        namespace Npgsql
        {
            public sealed class NpgsqlConnection { }

            public sealed class NpgsqlCommand
            {
                public NpgsqlCommand() { }
                public NpgsqlCommand(string cmdText, NpgsqlConnection? connection = null) { }
                public string CommandText { get; set; } = "";
                public NpgsqlParameterCollection Parameters { get; } = new();
                public Task<int> ExecuteNonQueryAsync() => throw null!;
            }

            public sealed class NpgsqlParameterCollection
            {
                public NpgsqlParameter AddWithValue(string parameterName, object value) => throw null!;
                public NpgsqlParameter Add(NpgsqlParameter value) => throw null!;
            }

            public sealed class NpgsqlParameter
            {
                public NpgsqlParameter(string parameterName, object value) { }
            }
        }
        """;
}
