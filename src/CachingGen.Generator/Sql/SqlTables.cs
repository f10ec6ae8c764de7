using System;
using System.Collections.Generic;
using System.Linq;
using CachingGen.Generator.Model;

namespace CachingGen.Generator.Sql;

/// <summary>
/// The tables a SQL text reads and writes, found by a small tokenizer: comments, string literals and dollar-quoted
/// bodies are skipped; identifiers may be quoted and schema-qualified (the table is the last part, compared without
/// case unless quoted). Writes: <c>INSERT INTO</c>, <c>UPDATE</c>, <c>DELETE FROM</c>, <c>MERGE INTO</c>, <c>TRUNCATE</c>,
/// <c>COPY … FROM</c> (an <c>INSERT</c> without <c>ON CONFLICT … DO UPDATE</c> only adds rows: kept apart, as
/// <see cref="SqlTableSet.Inserts"/>). Reads: <c>FROM</c>, <c>JOIN</c>, <c>USING</c>, in subqueries and CTE bodies too; names a
/// <c>WITH</c> defines are not tables. What it does not understand — a stored procedure (<c>CALL</c>, <c>EXEC</c>), a
/// <c>DO</c> block, <c>EXECUTE</c> of dynamic SQL — makes the result <see cref="SqlTableSet.Unknown"/>: never "nothing".
/// </summary>
internal static class SqlTables
{
    private static readonly HashSet<string> Clauses = new(StringComparer.OrdinalIgnoreCase)
    {
        "WHERE", "SET", "VALUES", "SELECT", "ON", "GROUP", "ORDER", "LIMIT", "OFFSET", "RETURNING", "AS", "LEFT", "RIGHT",
        "INNER", "OUTER", "FULL", "CROSS", "JOIN", "USING", "FROM", "WHEN", "THEN", "DEFAULT", "HAVING", "UNION", "LATERAL", "ONLY", "STDIN", "STDOUT", "PROGRAM",
    };

    public static SqlTableSet Analyze(string sql)
    {
        var tokens = Tokenize(sql);
        var reads = new SortedSet<string>(StringComparer.Ordinal);
        var writes = new SortedSet<string>(StringComparer.Ordinal);
        var inserts = new SortedSet<string>(StringComparer.Ordinal);
        var ctes = new HashSet<string>(StringComparer.Ordinal);
        string? unknown = null;
        string? lastInsert = null;

        // The names a WITH defines (name AS ( … ), several separated by commas), which FROM may name later.
        for (var i = 0; i + 2 < tokens.Count; i++)
        {
            if (tokens[i].IsWord && tokens[i + 1].Is("AS") && tokens[i + 2].Text == "(" && (i > 0 && (tokens[i - 1].Is("WITH") || tokens[i - 1].Is("RECURSIVE") || tokens[i - 1].Text == ",")))
            {
                ctes.Add(tokens[i].Name);
            }
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.IsWord || token.Quoted)
            {
                continue;
            }

            switch (token.Upper)
            {
                case "INSERT" when Next(tokens, i + 1, "INTO") is { } into:
                    lastInsert = Table(tokens, into + 1, ctes);
                    Add(inserts, lastInsert);
                    break;
                case "UPDATE" when i > 0 && tokens[i - 1].Is("DO"):
                    // INSERT … ON CONFLICT … DO UPDATE: an upsert changes existing rows of the INSERT's table.
                    Add(writes, lastInsert);
                    break;
                case "UPDATE" when i == 0 || !tokens[i - 1].Is("FOR"):
                    Add(writes, Table(tokens, SkipWord(tokens, i + 1, "ONLY"), ctes));
                    break;
                case "DELETE" when Next(tokens, i + 1, "FROM") is { } from:
                    Add(writes, Table(tokens, SkipWord(tokens, from + 1, "ONLY"), ctes));
                    i = from;
                    break;
                case "MERGE" when Next(tokens, i + 1, "INTO") is { } into:
                    Add(writes, Table(tokens, into + 1, ctes));
                    i = into + 1;
                    break;
                case "TRUNCATE":
                    for (var j = SkipWord(tokens, SkipWord(tokens, i + 1, "TABLE"), "ONLY"); j < tokens.Count; j += 2)
                    {
                        Add(writes, Table(tokens, j, ctes));
                        if (j + 1 >= tokens.Count || tokens[j + 1].Text != ",")
                        {
                            break;
                        }
                    }

                    break;
                case "COPY" when i + 1 < tokens.Count:
                    // COPY t [(columns)] FROM … writes t; COPY t TO … and COPY (query) TO … read.
                    var copied = Table(tokens, i + 1, ctes);
                    var direction = NextWord(tokens, i + 2, "FROM", "TO");
                    Add(direction == "FROM" ? writes : reads, copied);
                    break;
                case "FROM" or "JOIN" or "USING":
                    Add(reads, Table(tokens, SkipWord(tokens, i + 1, "ONLY"), ctes));
                    break;
                case "CALL" or "EXEC" or "EXECUTE" when i == 0 || tokens[i - 1].Text == ";":
                    unknown = $"it calls a procedure or runs dynamic SQL ({token.Text} …), whose tables the analysis cannot see";
                    break;
                case "DO" when i == 0 || tokens[i - 1].Text == ";":
                    unknown = "it runs a DO block, whose tables the analysis cannot see";
                    break;
            }
        }

        inserts.ExceptWith(writes);
        return new SqlTableSet(reads.ToArray(), writes.ToArray(), unknown) { Inserts = inserts.ToArray().ToEquatableArray() };
    }

    private static void Add(SortedSet<string> set, string? table)
    {
        if (table is not null)
        {
            set.Add(table);
        }
    }

    /// <summary>The table named at <paramref name="at"/>: <c>schema.table</c> → <c>table</c>; null for a subquery, a function or a CTE.</summary>
    private static string? Table(List<SqlToken> tokens, int at, HashSet<string> ctes)
    {
        if (at >= tokens.Count || !tokens[at].IsWord || (!tokens[at].Quoted && Clauses.Contains(tokens[at].Text)))
        {
            return null;
        }

        var last = at;
        while (last + 2 < tokens.Count && tokens[last + 1].Text == "." && tokens[last + 2].IsWord)
        {
            last += 2;
        }

        // name( is a function (generate_series(…), unnest(…)), not a table.
        if (last + 1 < tokens.Count && tokens[last + 1].Text == "(" && !tokens[at].Quoted && at == last && !IsTableFollowedByColumns(tokens, at))
        {
            return null;
        }

        var name = tokens[last].Name;
        return last == at && ctes.Contains(name) ? null : name;
    }

    // INSERT INTO t (a, b) and COPY t (a, b): a column list follows the table.
    private static bool IsTableFollowedByColumns(List<SqlToken> tokens, int at)
        => at >= 1 && (tokens[at - 1].Is("INTO") || tokens[at - 1].Is("COPY"));

    private static int? Next(List<SqlToken> tokens, int at, string word) => at < tokens.Count && tokens[at].Is(word) ? at : null;

    private static int SkipWord(List<SqlToken> tokens, int at, string word) => at < tokens.Count && tokens[at].Is(word) ? at + 1 : at;

    /// <summary>The first of <paramref name="words"/> after <paramref name="at"/>, skipping a parenthesised list.</summary>
    private static string? NextWord(List<SqlToken> tokens, int at, params string[] words)
    {
        var depth = 0;
        for (var i = at; i < tokens.Count; i++)
        {
            if (tokens[i].Text == "(")
            {
                depth++;
            }
            else if (tokens[i].Text == ")")
            {
                depth--;
            }
            else if (depth == 0 && tokens[i].IsWord && words.FirstOrDefault(tokens[i].Is) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static List<SqlToken> Tokenize(string sql)
    {
        var tokens = new List<SqlToken>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                i = sql.IndexOf('\n', i) is var end and >= 0 ? end + 1 : sql.Length;
            }
            else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                i = sql.IndexOf("*/", i + 2, StringComparison.Ordinal) is var end and >= 0 ? end + 2 : sql.Length;
            }
            else if (c == '\'')
            {
                // 'it''s': a doubled quote stays inside the literal.
                i++;
                while (i < sql.Length && !(sql[i] == '\'' && (i + 1 >= sql.Length || sql[i + 1] != '\'')))
                {
                    i += sql[i] == '\'' ? 2 : 1;
                }

                i++;
            }
            else if (c == '$' && DollarTag(sql, i) is { } tag)
            {
                var end = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                i = end >= 0 ? end + tag.Length : sql.Length;
            }
            else if (c == '"' || c == '`' || c == '[')
            {
                var close = c == '[' ? ']' : c;
                var end = sql.IndexOf(close, i + 1);
                end = end < 0 ? sql.Length : end;
                tokens.Add(new SqlToken(sql.Substring(i + 1, end - i - 1), isWord: true, quoted: true));
                i = end + 1;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_' || sql[i] == '$'))
                {
                    i++;
                }

                tokens.Add(new SqlToken(sql.Substring(start, i - start), isWord: true, quoted: false));
            }
            else if (c is '@' or ':' && i + 1 < sql.Length && (char.IsLetter(sql[i + 1]) || sql[i + 1] == '_' || sql[i + 1] == ':'))
            {
                // A parameter (@id, :id) or a cast (::text): not a name the analysis wants.
                i++;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_' || sql[i] == ':'))
                {
                    i++;
                }
            }
            else
            {
                tokens.Add(new SqlToken(c.ToString(), isWord: false, quoted: false));
                i++;
            }
        }

        return tokens;
    }

    /// <summary>A dollar-quote opener at <paramref name="at"/> (<c>$$</c>, <c>$body$</c>), or null for a positional parameter ($1).</summary>
    private static string? DollarTag(string sql, int at)
    {
        var end = at + 1;
        while (end < sql.Length && (char.IsLetter(sql[end]) || sql[end] == '_'))
        {
            end++;
        }

        return end < sql.Length && sql[end] == '$' ? sql.Substring(at, end - at + 1) : null;
    }
}
