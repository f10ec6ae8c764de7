namespace CachingGen.Generator.Sql;

/// <summary>One pass over the tokens of a text, collecting what <see cref="SqlTables"/> reports.</summary>
internal sealed partial class SqlStatementReader(List<SqlToken> tokens, SqlDialect dialect)
{
    private static readonly HashSet<string> Clauses = new(StringComparer.OrdinalIgnoreCase)
    {
        "WHERE", "SET", "VALUES", "SELECT", "ON", "GROUP", "ORDER", "LIMIT", "OFFSET", "RETURNING", "AS", "LEFT", "RIGHT",
        "INNER", "OUTER", "FULL", "CROSS", "JOIN", "USING", "FROM", "WHEN", "THEN", "DEFAULT", "HAVING", "UNION", "LATERAL", "ONLY",
        "STDIN", "STDOUT", "PROGRAM", "WITH", "OUTPUT", "NATURAL", "FOR", "WINDOW", "INTO", "TOP", "EXCEPT", "INTERSECT", "STRAIGHT_JOIN",
        "IGNORE", "LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "QUICK", "OR", "AND", "NOT", "EXISTS", "IN", "IS", "NULL", "CASE", "END",
    };

    private static readonly string[] KeyFunctions = ["SCOPE_IDENTITY", "@@IDENTITY", "LAST_INSERT_ID", "LAST_INSERT_ROWID", "LASTVAL", "CURRVAL", "IDENT_CURRENT"];

    private readonly SortedSet<string> _reads = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _inserts = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _insertColumns = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ctes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);
    private readonly List<(string Target, List<string>? Columns)> _writes = [];
    private string? _unknown;
    private string? _lastInsert;
    private bool _generatedKey;
    private bool _everyColumn;

    /// <summary>Whether <paramref name="word"/> starts a clause or is an operator keyword: never a table, alias or column name.</summary>
    public static bool IsClause(string word) => Clauses.Contains(word);

    public void Read()
    {
        // The names a WITH defines (name AS ( … ), several separated by commas), which FROM may name later.
        for (var i = 1; i + 2 < tokens.Count; i++)
        {
            if (tokens[i].IsWord && tokens[i + 1].Is("AS") && tokens[i + 2].Text == "(" && (tokens[i - 1].Is("WITH") || tokens[i - 1].Is("RECURSIVE") || tokens[i - 1].Text == ","))
            {
                _ctes.Add(tokens[i].Name(dialect));
            }
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Text == "*")
            {
                // SELECT *, t.*, a, *: every column; COUNT(*) counts rows, which only whole-row writes change; a * b multiplies.
                var before = i > 0 ? tokens[i - 1] : default;
                _everyColumn |= before.Text is "." or "," || before.Is("SELECT") || before.Is("DISTINCT") || before.Is("ALL");
            }
            else if (token.IsWord && !token.Quoted)
            {
                i = Statement(token, i);
            }
        }
    }

    public SqlTableSet Result()
    {
        var writes = new SortedSet<string>(StringComparer.Ordinal);
        var whole = new SortedSet<string>(StringComparer.Ordinal);
        var changed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (target, columns) in _writes)
        {
            // UPDATE g SET … FROM dbo.Goods AS g: the alias names the table.
            var table = _aliases.TryGetValue(target, out var aliased) ? aliased : target;
            writes.Add(table);
            if (columns is { Count: > 0 })
            {
                changed.UnionWith(columns.Select(c => table + "." + c));
            }
            else
            {
                whole.Add(table);
            }
        }

        _inserts.ExceptWith(writes);

        // A whole row as a value (row_to_json(u), json_agg(t)): every column, like *.
        for (var i = 1; i + 1 < tokens.Count; i++)
        {
            _everyColumn |= tokens[i].IsWord && tokens[i - 1].Text == "(" && tokens[i + 1].Text == ")"
                && (_aliases.ContainsKey(tokens[i].Name(dialect)) || _reads.Contains(tokens[i].Name(dialect)));
        }

        var readColumns = _reads.Count == 0 ? [] : tokens.Where(t => t.IsWord).Select(t => t.Name(dialect)).Distinct().OrderBy(c => c, StringComparer.Ordinal).ToArray();
        return new SqlTableSet(_reads.ToArray(), writes.ToArray(), _unknown)
        {
            Inserts = _inserts.ToEquatableArray(),
            ReadColumns = readColumns.ToEquatableArray(),
            ReadsEveryColumn = _reads.Count > 0 && _everyColumn,
            Changed = changed.ToEquatableArray(),
            WholeRows = whole.ToEquatableArray(),
            InsertColumns = _insertColumns.Where(c => _inserts.Contains(c.Substring(0, c.LastIndexOf('.')))).ToEquatableArray(),
            GeneratedKeys = _generatedKey ? _inserts.ToEquatableArray() : default,
        };
    }

    /// <summary>Reads the statement or clause a keyword starts; returns the index to continue after.</summary>
    private int Statement(SqlToken token, int i)
    {
        var previous = i > 0 ? tokens[i - 1] : default;
        switch (token.Upper)
        {
            case "INSERT":
                return Insert(i);
            case "REPLACE" when At(i + 1) is { IsWord: true }:
                // MySQL and SQLite: REPLACE [INTO] t deletes the old row and inserts the new one.
                AddWrite(Table(Skip(i + 1, "INTO"), out var end), null);
                return end;
            case "UPDATE" when previous.Is("DO") || previous.Is("KEY"):
                // ON CONFLICT … DO UPDATE, ON DUPLICATE KEY UPDATE: an upsert changes (or adds) whole rows of the INSERT's table.
                AddWrite(_lastInsert, null);
                return i;
            case "UPDATE" when !previous.Is("FOR") && !previous.Is("THEN"):
                return Update(i);
            case "DELETE":
                var from = Skip(SkipTop(i + 1), "FROM");
                AddWrite(Table(Skip(from, "ONLY"), out var deleteEnd), null);
                return from == i + 1 ? deleteEnd : from - 1;
            case "MERGE":
                AddWrite(Table(Skip(i + 1, "INTO"), out var mergeEnd), null);
                return mergeEnd;
            case "TRUNCATE":
                for (var j = Skip(Skip(i + 1, "TABLE"), "ONLY"); j < tokens.Count; j++)
                {
                    AddWrite(Table(j, out j), null);
                    if (At(j + 1).Text != ",")
                    {
                        return j;
                    }

                    j++;
                }

                return i;
            case "COPY" when i + 1 < tokens.Count:
                // COPY t [(columns)] FROM … writes t; COPY t TO … and COPY (query) TO … read.
                var copied = Table(i + 1, out _);
                if (NextWord(i + 2, "FROM", "TO") == "FROM")
                {
                    AddWrite(copied, null);
                }
                else
                {
                    Add(_reads, copied);
                }

                return i;
            case "FROM" or "JOIN" or "USING":
                return Reads(i);
            case "RETURNING":
                _generatedKey = true;
                return i;
            case "OUTPUT" when At(i + 1).Is("INSERTED"):
                _generatedKey = true;
                return i;
            case "CALL" or "EXEC" or "EXECUTE" when i == 0 || previous.Text == ";":
                _unknown = $"it calls a procedure or runs dynamic SQL ({token.Text} …), whose tables the analysis cannot see";
                return i;
            case "DO" when i == 0 || previous.Text == ";":
                _unknown = "it runs a DO block, whose tables the analysis cannot see";
                return i;
            default:
                if (KeyFunctions.Any(f => token.Is(f)))
                {
                    _generatedKey = true;
                }

                return i;
        }
    }

    private int Reads(int i)
    {
        var at = Skip(i + 1, "ONLY");
        while (true)
        {
            var table = Table(at, out var end);
            Add(_reads, table);
            if (table is null)
            {
                return i;
            }

            // An alias: FROM t AS a, FROM t a.
            var alias = At(end + 1).Is("AS") ? end + 2 : end + 1;
            if (At(alias) is { IsWord: true } word && (word.Quoted || !Clauses.Contains(word.Text)))
            {
                _aliases[word.Name(dialect)] = table;
                end = alias;
            }

            // FROM a, b: both are read (an old-style join).
            if (!tokens[i].Is("FROM") || At(end + 1).Text != "," || !At(end + 2).IsWord)
            {
                return end;
            }

            at = end + 2;
        }
    }

    private static void Add(SortedSet<string> set, string? table)
    {
        if (table is not null)
        {
            set.Add(table);
        }
    }

    /// <summary>The table named at <paramref name="at"/>: <c>schema.table</c> → <c>table</c>; null for a subquery, a function or a CTE.</summary>
    private string? Table(int at, out int end)
    {
        end = at;
        if (at >= tokens.Count || !tokens[at].IsWord || (!tokens[at].Quoted && Clauses.Contains(tokens[at].Text)))
        {
            return null;
        }

        var last = at;
        while (last + 2 < tokens.Count && tokens[last + 1].Text == "." && tokens[last + 2].IsWord)
        {
            last += 2;
        }

        end = last;

        // name( is a function (generate_series(…), unnest(…)), not a table; INSERT INTO t (a, b) and COPY t (a, b) list columns.
        if (At(last + 1).Text == "(" && !tokens[at].Quoted && at == last && !(at >= 1 && (tokens[at - 1].Is("INTO") || tokens[at - 1].Is("COPY") || tokens[at - 1].Is("INSERT") || tokens[at - 1].Is("IGNORE"))))
        {
            return null;
        }

        var name = tokens[last].Name(dialect);
        return last == at && _ctes.Contains(name) ? null : name;
    }

    private SqlToken At(int at) => at >= 0 && at < tokens.Count ? tokens[at] : default;

    private int Skip(int at, string word) => At(at).Is(word) ? at + 1 : at;

    /// <summary>The first of <paramref name="words"/> after <paramref name="at"/>, skipping a parenthesised list.</summary>
    private string? NextWord(int at, params string[] words)
    {
        var depth = 0;
        for (var i = at; i < tokens.Count; i++)
        {
            depth += tokens[i].Text == "(" ? 1 : tokens[i].Text == ")" ? -1 : 0;
            if (depth == 0 && tokens[i].IsWord && words.FirstOrDefault(tokens[i].Is) is { } found)
            {
                return found;
            }
        }

        return null;
    }
}
