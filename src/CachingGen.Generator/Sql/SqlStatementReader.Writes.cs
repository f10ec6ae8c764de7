namespace CachingGen.Generator.Sql;

/// <summary>The statements that write: an insert (its column list), an update (its SET list), and where a write's target is.</summary>
internal sealed partial class SqlStatementReader
{
    private int Insert(int i)
    {
        // INSERT [OR REPLACE | OR IGNORE] [IGNORE | LOW_PRIORITY …] [INTO] t [AS a] [(columns)]
        var at = i + 1;
        var replace = false;
        if (At(at).Is("OR"))
        {
            replace = At(at + 1).Is("REPLACE");
            at += 2;
        }

        while (At(at).Is("IGNORE") || At(at).Is("LOW_PRIORITY") || At(at).Is("DELAYED") || At(at).Is("HIGH_PRIORITY"))
        {
            at++;
        }

        var table = Table(Skip(at, "INTO"), out var end);
        if (replace)
        {
            AddWrite(table, null);
            return end;
        }

        _lastInsert = table;
        Add(_inserts, table);
        var open = At(end + 1).Is("AS") ? end + 3 : end + 1;
        if (table is not null && At(open).Text == "(")
        {
            for (var j = open + 1; j < tokens.Count && tokens[j].Text != ")"; j++)
            {
                if (tokens[j].IsWord)
                {
                    _insertColumns.Add(table + "." + tokens[j].Name(dialect));
                }
            }
        }

        return end;
    }

    private int Update(int i)
    {
        // UPDATE [TOP (n)] [ONLY] [LOW_PRIORITY] [IGNORE] t [AS a] … SET c = …, t.d = … [FROM …] [WHERE …]
        var at = SkipTop(i + 1);
        while (At(at).Is("ONLY") || At(at).Is("LOW_PRIORITY") || At(at).Is("IGNORE"))
        {
            at++;
        }

        var table = Table(at, out var end);
        var set = end + 1;
        var depth = 0;
        while (set < tokens.Count && !(depth == 0 && (tokens[set].Is("SET") || tokens[set].Text == ";")))
        {
            depth += tokens[set].Text == "(" ? 1 : tokens[set].Text == ")" ? -1 : 0;
            set++;
        }

        var columns = new List<string>();
        depth = 0;
        for (var j = set + 1; set < tokens.Count && tokens[set].Is("SET") && j < tokens.Count; j++)
        {
            var t = tokens[j];
            depth += t.Text == "(" ? 1 : t.Text == ")" ? -1 : 0;
            if (depth < 0 || (depth == 0 && (t.Text == ";" || t.Is("WHERE") || t.Is("FROM") || t.Is("OUTPUT") || t.Is("RETURNING"))))
            {
                break;
            }

            if (depth == 0 && t.IsWord && At(j + 1).Text == "=" && (j == set + 1 || tokens[j - 1].Text is "," or "."))
            {
                columns.Add(t.Name(dialect));
            }
        }

        AddWrite(table, columns);
        return end;
    }

    private void AddWrite(string? table, List<string>? columns)
    {
        if (table is not null)
        {
            _writes.Add((table, columns));
        }
    }

    // TOP (10) / TOP 10 in SQL Server's UPDATE and DELETE.
    private int SkipTop(int at) => !At(at).Is("TOP") ? at : At(at + 1).Text == "(" ? at + 4 : at + 2;
}
