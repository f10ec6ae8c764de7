namespace CachingGen.Generator.Sql;

/// <summary>
/// The database a SQL text is written for, from the connection or command type that runs it. It decides how quoted
/// names compare: only PostgreSQL keeps the case of a quoted name ("Orders" and orders are two tables); SQL Server,
/// MySQL and SQLite compare names without case, and so does <see cref="Unknown"/>, because matching more names can
/// only add warnings, never hide one.
/// </summary>
internal enum SqlDialect
{
    Unknown,
    SqlServer,
    MySql,
    PostgreSql,
    Sqlite,
}
