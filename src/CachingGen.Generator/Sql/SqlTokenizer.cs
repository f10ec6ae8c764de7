namespace CachingGen.Generator.Sql;

/// <summary>
/// Splits SQL into words and punctuation: comments, string literals and dollar-quoted bodies are skipped, parameters
/// (<c>@id</c>, <c>:id</c>, <c>$id</c>, <c>?</c>) and casts (<c>::text</c>) dropped, and quoted names (<c>"x"</c>,
/// <c>`x`</c>, <c>[x]</c>) kept as one word with their quote. With <c>keepParameters</c> (the WHERE bindings of the
/// manifest, <see cref="SqlWhereBindings"/>), a named parameter is kept as a parameter token and anything else there
/// (<c>$1</c>, a cast) as an opaque token, so that an equality with a cast or a positional parameter binds nothing.
/// </summary>
internal static class SqlTokenizer
{
    public static List<SqlToken> Tokenize(string sql, bool keepParameters = false)
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
                tokens.Add(new SqlToken(sql.Substring(i + 1, end - i - 1), isWord: true, quote: c));
                i = end + 1;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_' || sql[i] == '$'))
                {
                    i++;
                }

                tokens.Add(new SqlToken(sql.Substring(start, i - start), isWord: true, quote: '\0'));
            }
            else if (char.IsDigit(c))
            {
                // A number is one token (TOP (100) counts its parentheses right), and never a name.
                var start = i;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '.'))
                {
                    i++;
                }

                tokens.Add(new SqlToken(sql.Substring(start, i - start), isWord: false, quote: '\0'));
            }
            else if (c is '@' or ':' or '$' && i + 1 < sql.Length && (char.IsLetterOrDigit(sql[i + 1]) || sql[i + 1] is '_' or ':' or '@'))
            {
                // A parameter (@id, :id, $id, $1), a system function (@@IDENTITY) or a cast (::text): not a name the analysis wants.
                var system = c == '@' && sql[i + 1] == '@';
                var start = i;
                i++;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or ':' or '@'))
                {
                    i++;
                }

                if (system)
                {
                    tokens.Add(new SqlToken(sql.Substring(start, i - start), isWord: true, quote: '\0'));
                }
                else if (keepParameters)
                {
                    tokens.Add(Parameter(sql.Substring(start, i - start)));
                }
            }
            else
            {
                tokens.Add(new SqlToken(c.ToString(), isWord: false, quote: '\0'));
                i++;
            }
        }

        return tokens;
    }

    /// <summary><c>@id</c> or <c>:id</c> as a parameter named <c>id</c>; a cast (<c>::text</c>, <c>@id::text</c>) or <c>$1</c> as an opaque token.</summary>
    private static SqlToken Parameter(string text)
    {
        var named = text.Length > 1 && text[0] is '@' or ':' && (char.IsLetter(text[1]) || text[1] == '_');
        for (var i = 1; named && i < text.Length; i++)
        {
            named = char.IsLetterOrDigit(text[i]) || text[i] == '_';
        }

        return named ? new SqlToken(text.Substring(1), isWord: false, quote: '\0', isParameter: true) : new SqlToken(text, isWord: false, quote: '\0');
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
