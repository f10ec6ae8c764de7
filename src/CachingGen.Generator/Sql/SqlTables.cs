namespace CachingGen.Generator.Sql;

/// <summary>
/// The tables (and columns) a SQL text reads and writes, found by a small tokenizer (<see cref="SqlTokenizer"/>);
/// identifiers may be quoted and schema-qualified (the table is the last part; see <see cref="SqlToken.Name"/> for case).
/// Writes: <c>UPDATE</c> (its SET columns), <c>DELETE</c>, <c>MERGE</c>, <c>TRUNCATE</c>, <c>COPY … FROM</c>, and the
/// upserts — <c>ON CONFLICT … DO UPDATE</c>, <c>ON DUPLICATE KEY UPDATE</c>, <c>REPLACE INTO</c>, <c>INSERT OR REPLACE</c>;
/// a plain <c>INSERT</c> (also <c>INSERT IGNORE</c>, <c>INSERT OR IGNORE</c>, <c>ON CONFLICT DO NOTHING</c>) only adds
/// rows (<see cref="SqlTableSet.Inserts"/>). Reads: <c>FROM</c> (comma lists too), <c>JOIN</c>, <c>USING</c>, in
/// subqueries and CTE bodies; names a <c>WITH</c> defines and aliases are not tables. What it does not understand — a
/// stored procedure (<c>CALL</c>, <c>EXEC</c>), a <c>DO</c> block — makes the result <see cref="SqlTableSet.Unknown"/>.
/// </summary>
internal static class SqlTables
{
    /// <summary>What <paramref name="sql"/> touches; with <paramref name="bindings"/> (the manifest), its WHERE bindings too (<see cref="SqlWhereBindings"/>).</summary>
    public static SqlTableSet Analyze(string sql, SqlDialect dialect = SqlDialect.Unknown, bool bindings = false)
    {
        var reader = new SqlStatementReader(SqlTokenizer.Tokenize(sql), dialect);
        reader.Read();
        var result = reader.Result();

        // Only a text that only reads can bind: the second pass is skipped for the rest (and for the analyzer).
        if (!bindings || result is not { Reads.Count: > 0, Writes.Count: 0, Inserts.Count: 0, Unknown: null })
        {
            return result;
        }

        return result with { Bindings = SqlWhereBindings.Read(sql, dialect).Where(b => result.Reads.Contains(b.Table)).ToEquatableArray() };
    }
}
