namespace CachingGen.Generator.Sql;

/// <summary>
/// The <c>column = @parameter</c> conjuncts of a text's reading statements, for the manifest's bindings (the change feed
/// turns a changed row into the exact keys it makes stale). Only a statement whose rows all satisfy them counts: a
/// SELECT from exactly one table (no JOIN, comma list, subquery, set operation or CTE) whose WHERE is a conjunction
/// (a top-level OR, or a conjunct negated by NOT, binds nothing). Any other statement in the text makes the whole text
/// bind nothing: a wrong binding is a stale read, a missing one only a coarser invalidation.
/// </summary>
internal static class SqlWhereBindings
{
    private static readonly HashSet<string> Refused = new(StringComparer.OrdinalIgnoreCase)
    {
        "JOIN", "UNION", "INTERSECT", "EXCEPT", "MINUS", "WITH", "APPLY", "LATERAL", "INTO",
    };

    private static readonly HashSet<string> ClauseEnds = new(StringComparer.OrdinalIgnoreCase)
    {
        "GROUP", "ORDER", "LIMIT", "OFFSET", "FETCH", "FOR", "HAVING", "WINDOW", "QUALIFY", "OPTION",
    };

    /// <summary>The bindings of every statement of <paramref name="sql"/>, several statements of one table intersected; empty when one statement cannot bind.</summary>
    public static List<SqlBinding> Read(string sql, SqlDialect dialect)
    {
        var tokens = SqlTokenizer.Tokenize(sql, keepParameters: true);
        var tables = new Dictionary<string, List<SqlBinding>>(StringComparer.Ordinal);
        var start = 0;
        for (var i = 0; i <= tokens.Count; i++)
        {
            if (i < tokens.Count && tokens[i].Text != ";")
            {
                continue;
            }

            if (i > start)
            {
                if (Statement(tokens, start, i, dialect, out var table) is not { } found)
                {
                    return [];
                }

                tables[table] = tables.TryGetValue(table, out var earlier) ? earlier.Intersect(found).ToList() : found;
            }

            start = i + 1;
        }

        return SqlBinding.Sorted(tables.Values.SelectMany(b => b));
    }

    /// <summary>The bindings of tokens [start, end); null when it is not a single-table SELECT (then nothing of the text binds).</summary>
    private static List<SqlBinding>? Statement(List<SqlToken> tokens, int start, int end, SqlDialect dialect, out string table)
    {
        table = string.Empty;
        if (!tokens[start].Is("SELECT"))
        {
            return null;
        }

        var from = -1;
        var depth = 0;
        for (var i = start; i < end; i++)
        {
            var token = tokens[i];
            depth += token.Text == "(" ? 1 : token.Text == ")" ? -1 : 0;
            if ((token.IsWord && !token.Quoted && Refused.Contains(token.Text)) || (token.Text == "(" && i + 1 < end && (tokens[i + 1].Is("SELECT") || tokens[i + 1].Is("WITH"))))
            {
                return null;
            }

            if (depth == 0 && token.Is("FROM"))
            {
                if (from >= 0)
                {
                    return null;
                }

                from = i;
            }
        }

        // FROM [schema.]table [[AS] alias], then WHERE or another clause.
        var at = from + 1;
        if (from < 0 || !At(tokens, at, end).IsWord || IsKeyword(tokens[at]))
        {
            return null;
        }

        while (At(tokens, at + 1, end).Text == "." && At(tokens, at + 2, end).IsWord)
        {
            at += 2;
        }

        if (At(tokens, at + 1, end).Text == "(")
        {
            // A function (generate_series(…)), not a table.
            return null;
        }

        table = tokens[at].Name(dialect);
        var qualifiers = new HashSet<string>(StringComparer.Ordinal) { table };
        at += At(tokens, at + 1, end).Is("AS") ? 2 : 1;
        if (At(tokens, at, end) is { IsWord: true } alias && !IsKeyword(alias))
        {
            qualifiers.Add(alias.Name(dialect));
            at++;
        }

        if (at >= end)
        {
            // No WHERE: every row can count, so nothing binds, but the statement is understood.
            return [];
        }

        var next = tokens[at];
        return next.Is("WHERE") ? Where(tokens, at + 1, end, table, qualifiers, dialect)
            : next.IsWord && !next.Quoted && ClauseEnds.Contains(next.Text) ? []
            : null;
    }

    private static List<SqlBinding> Where(List<SqlToken> tokens, int start, int end, string table, HashSet<string> qualifiers, SqlDialect dialect)
    {
        var bindings = new List<SqlBinding>();
        var depth = 0;
        var conjunct = start;
        var between = false;
        for (var i = start; i <= end; i++)
        {
            var token = At(tokens, i, end);
            depth += token.Text == "(" ? 1 : token.Text == ")" ? -1 : 0;
            if (depth > 0)
            {
                continue;
            }

            if (token.Is("OR") || (token.Is("NOT") && i == conjunct))
            {
                return [];
            }

            // BETWEEN a AND b: that AND is part of the conjunct.
            between |= token.Is("BETWEEN");
            if (token.Is("AND") && between)
            {
                between = false;
                continue;
            }

            if (i == end || token.Is("AND") || (token.IsWord && !token.Quoted && ClauseEnds.Contains(token.Text)))
            {
                if (Equality(tokens, conjunct, i, qualifiers, dialect) is { } equality)
                {
                    bindings.Add(new SqlBinding(table, equality.Column, equality.Parameter));
                }

                if (!token.Is("AND"))
                {
                    return bindings;
                }

                conjunct = i + 1;
            }
        }

        return bindings;
    }

    /// <summary><c>column = @p</c>, <c>q.column = @p</c>, <c>@p = column</c> (q the table or its alias), parenthesised or not; null for anything else.</summary>
    private static (string Column, string Parameter)? Equality(List<SqlToken> tokens, int start, int end, HashSet<string> qualifiers, SqlDialect dialect)
    {
        while (end - start >= 2 && tokens[start].Text == "(" && tokens[end - 1].Text == ")")
        {
            start++;
            end--;
        }

        var equals = -1;
        for (var i = start; i < end; i++)
        {
            if (tokens[i].Text == "=")
            {
                if (equals >= 0)
                {
                    return null;
                }

                equals = i;
            }
        }

        if (equals < 0)
        {
            return null;
        }

        if (Column(tokens, start, equals, qualifiers, dialect) is { } left && Parameter(tokens, equals + 1, end) is { } right)
        {
            return (left, right);
        }

        return Parameter(tokens, start, equals) is { } parameter && Column(tokens, equals + 1, end, qualifiers, dialect) is { } column ? (column, parameter) : null;
    }

    /// <summary>The column of <c>column</c> or <c>qualifier.column</c> in tokens [start, end): lower-case unless quoted.</summary>
    private static string? Column(List<SqlToken> tokens, int start, int end, HashSet<string> qualifiers, SqlDialect dialect)
    {
        if (end - start == 3 && tokens[start + 1].Text == "." && tokens[start].IsWord && qualifiers.Contains(tokens[start].Name(dialect)))
        {
            start += 2;
        }

        return end - start == 1 && tokens[start] is { IsWord: true } name && !IsKeyword(name) ? (name.Quoted ? name.Text : name.Text.ToLowerInvariant()) : null;
    }

    private static string? Parameter(List<SqlToken> tokens, int start, int end) => end - start == 1 && tokens[start].IsParameter ? tokens[start].Text : null;

    private static bool IsKeyword(SqlToken token)
        => !token.Quoted && (SqlStatementReader.IsClause(token.Text) || ClauseEnds.Contains(token.Text) || token.Is("TRUE") || token.Is("FALSE"));

    private static SqlToken At(List<SqlToken> tokens, int at, int end) => at >= 0 && at < end ? tokens[at] : default;
}
