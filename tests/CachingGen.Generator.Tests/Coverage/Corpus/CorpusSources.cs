namespace CachingGen.Generator.Tests.Coverage.Corpus;

/// <summary>
/// Stand-ins for Dapper (on <c>IDbConnection</c>, as the real one) and the four ADO.NET providers, with their real type
/// names: the analysis recognises a dialect by those names alone, since the packages are not referenced.
/// </summary>
internal static class CorpusSources
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Data;
        using System.Linq;
        using System.Text;
        using System.Threading.Tasks;
        using CachingGen;
        using Dapper;

        """;

    public const string Data = """
        using System.Collections.Generic;
        using System.Data;
        using System.Data.Common;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Dapper
        {
            public static class SqlMapper
            {
                public static Task<IEnumerable<T>> QueryAsync<T>(this IDbConnection cnn, string sql, object? param = null, IDbTransaction? transaction = null) => throw null!;
                public static Task<IEnumerable<T>> QueryAsync<T>(this IDbConnection cnn, CommandDefinition command) => throw null!;
                public static IEnumerable<T> Query<T>(this IDbConnection cnn, string sql, object? param = null, IDbTransaction? transaction = null) => throw null!;
                public static Task<T> QueryFirstOrDefaultAsync<T>(this IDbConnection cnn, string sql, object? param = null, IDbTransaction? transaction = null) => throw null!;
                public static Task<T> QuerySingleOrDefaultAsync<T>(this IDbConnection cnn, string sql, object? param = null, IDbTransaction? transaction = null) => throw null!;
                public static Task<T> QuerySingleAsync<T>(this IDbConnection cnn, string sql, object? param = null, IDbTransaction? transaction = null) => throw null!;
                public static Task<T> QuerySingleAsync<T>(this IDbConnection cnn, CommandDefinition command) => throw null!;
                public static Task<int> ExecuteAsync(this IDbConnection cnn, string sql, object? param = null, IDbTransaction? transaction = null) => throw null!;
                public static Task<int> ExecuteAsync(this IDbConnection cnn, CommandDefinition command) => throw null!;
                public static int Execute(this IDbConnection cnn, string sql, object? param = null, IDbTransaction? transaction = null) => throw null!;
                public static Task<T> ExecuteScalarAsync<T>(this IDbConnection cnn, string sql, object? param = null, IDbTransaction? transaction = null) => throw null!;
                public static T ExecuteScalar<T>(this IDbConnection cnn, string sql, object? param = null, IDbTransaction? transaction = null) => throw null!;
            }

            public readonly struct CommandDefinition
            {
                public CommandDefinition(string commandText, object? parameters = null, IDbTransaction? transaction = null, CancellationToken cancellationToken = default) { }
            }
        }

        namespace CorpusProviders
        {
            public abstract class StandInConnection : DbConnection
            {
        #nullable disable
                public override string ConnectionString { get; set; }
        #nullable enable
                public override string Database => "";
                public override string DataSource => "";
                public override string ServerVersion => "";
                public override ConnectionState State => ConnectionState.Open;
                public override void ChangeDatabase(string databaseName) { }
                public override void Close() { }
                public override void Open() { }
                protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => throw null!;
                protected override DbCommand CreateDbCommand() => throw null!;
            }

            public abstract class StandInCommand : DbCommand
            {
        #nullable disable
                public override string CommandText { get; set; }
                protected override DbConnection DbConnection { get; set; }
                protected override DbTransaction DbTransaction { get; set; }
        #nullable enable
                public override int CommandTimeout { get; set; }
                public override CommandType CommandType { get; set; }
                public override bool DesignTimeVisible { get; set; }
                public override UpdateRowSource UpdatedRowSource { get; set; }
                protected override DbParameterCollection DbParameterCollection => throw null!;
                public override void Cancel() { }
                public override int ExecuteNonQuery() => 0;
                public override object? ExecuteScalar() => null;
                public override void Prepare() { }
                protected override DbParameter CreateDbParameter() => throw null!;
                protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => throw null!;
            }
        }

        namespace Microsoft.Data.SqlClient
        {
            public sealed class SqlConnection : CorpusProviders.StandInConnection { public SqlConnection(string connectionString) { } }
            public sealed class SqlCommand : CorpusProviders.StandInCommand { public SqlCommand(string cmdText, SqlConnection connection) { } }
        }

        namespace MySqlConnector
        {
            public sealed class MySqlConnection : CorpusProviders.StandInConnection { public MySqlConnection(string connectionString) { } }
            public sealed class MySqlCommand : CorpusProviders.StandInCommand { public MySqlCommand(string commandText, MySqlConnection connection) { } }
        }

        namespace Npgsql
        {
            public sealed class NpgsqlConnection : CorpusProviders.StandInConnection { public NpgsqlConnection(string connectionString) { } }
            public sealed class NpgsqlCommand : CorpusProviders.StandInCommand { public NpgsqlCommand(string cmdText, NpgsqlConnection connection) { } }
        }

        namespace Microsoft.Data.Sqlite
        {
            public sealed class SqliteConnection : CorpusProviders.StandInConnection { public SqliteConnection(string connectionString) { } }
            public sealed class SqliteCommand : CorpusProviders.StandInCommand { public SqliteCommand(string commandText, SqliteConnection connection) { } }
        }
        """;
}
