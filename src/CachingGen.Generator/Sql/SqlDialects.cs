namespace CachingGen.Generator.Sql;

/// <summary>Which <see cref="SqlDialect"/> a provider's type name (connection, command, batch) belongs to; by name, since the providers are not referenced.</summary>
internal static class SqlDialects
{
    public static SqlDialect FromTypeName(string? name)
    {
        if (name is null)
        {
            return SqlDialect.Unknown;
        }

        // SQLite first: "SqliteConnection" also ends like SQL Server's "SqlConnection" would not, but "SQLiteConnection" (System.Data.SQLite) differs in case.
        if (name.StartsWith("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return SqlDialect.Sqlite;
        }

        if (name.StartsWith("Npgsql", StringComparison.Ordinal))
        {
            return SqlDialect.PostgreSql;
        }

        if (name.StartsWith("MySql", StringComparison.Ordinal) || name.StartsWith("MariaDb", StringComparison.OrdinalIgnoreCase))
        {
            return SqlDialect.MySql;
        }

        return name.StartsWith("Sql", StringComparison.Ordinal) && (name.EndsWith("Connection", StringComparison.Ordinal) || name.EndsWith("Command", StringComparison.Ordinal) || name.EndsWith("Batch", StringComparison.Ordinal))
            ? SqlDialect.SqlServer
            : SqlDialect.Unknown;
    }
}
