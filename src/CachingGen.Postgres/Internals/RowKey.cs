using CachingGen.Infrastructure;
using CachingGen.Keys;

namespace CachingGen.Postgres.Internals;

/// <summary>
/// Builds what one row image makes stale for one read: the exact key when every placeholder has a value, else the prefix
/// up to the first placeholder without one (cut at the last separator of the template's text before it), escaping each
/// value as the generated key builders do.
/// </summary>
internal static class RowKey
{
    /// <summary>A placeholder's value: known (its key text), unknown (the image does not say), or none (SQL NULL: no key of the read can hold it).</summary>
    public readonly record struct Value(ValueKind Kind, string? Text)
    {
        public static Value Unknown => new(ValueKind.Unknown, null);

        public static Value None => new(ValueKind.None, null);

        public static Value Of(string text) => new(ValueKind.Known, text);
    }

    public enum ValueKind
    {
        Unknown,
        Known,
        None,
    }

    /// <summary>The invalidation, or null when the image cannot be in any of the read's keys (a NULL where the key needs a value).</summary>
    public static CacheInvalidation? Build(string template, Func<string, Value> valueOf)
    {
        var key = new CacheKeyBuilder(stackalloc char[128]);
        try
        {
            var cut = 0;
            var position = 0;
            while (position < template.Length)
            {
                var open = template.IndexOf(KeyGrammar.PlaceholderOpen, position);
                var literal = open < 0 ? template[position..] : template[position..open];
                if (literal.Length > 0)
                {
                    var separator = literal.LastIndexOf(KeyGrammar.Separator);
                    var before = key.Length;
                    key.AppendLiteral(literal);
                    if (separator >= 0)
                    {
                        cut = before + separator + 1;
                    }
                }

                if (open < 0)
                {
                    break;
                }

                var close = template.IndexOf(KeyGrammar.PlaceholderClose, open);
                if (close < 0)
                {
                    return CacheInvalidation.Prefix(key.AsSpan()[..cut].ToString());
                }

                var value = valueOf(template[(open + 1)..close]);
                switch (value.Kind)
                {
                    case ValueKind.None:
                        return null;
                    case ValueKind.Unknown:
                        return CacheInvalidation.Prefix(key.AsSpan()[..cut].ToString());
                    default:
                        key.AppendString(value.Text, close + 1 < template.Length ? template[close + 1] : KeyGrammar.Separator);
                        break;
                }

                position = close + 1;
            }

            return CacheInvalidation.Key(key.ToString());
        }
        finally
        {
            key.Dispose();
        }
    }

    /// <summary>
    /// The prefix shapes the read's prefixes can have (one per placeholder: the template's text before it, cut at its last
    /// separator), so that a distributed level indexes the read's keys under them and a prefix removal reaches them.
    /// </summary>
    public static IEnumerable<PrefixShape> Shapes(string template)
    {
        var first = template.IndexOf(KeyGrammar.PlaceholderOpen);
        if (first < 0)
        {
            yield break;
        }

        var head = template[..first];
        for (var open = first; open >= 0; open = template.IndexOf(KeyGrammar.PlaceholderOpen, open + 1))
        {
            var depth = KeyGrammar.SeparatorCount(Literals(template[..open]));
            if (depth > 0)
            {
                yield return new PrefixShape(head, depth);
            }
        }
    }

    /// <summary>The template's literal text (placeholders left out): values escape their separators, so only these count.</summary>
    private static string Literals(string template)
    {
        var text = new System.Text.StringBuilder();
        var inside = false;
        foreach (var c in template)
        {
            if (c == KeyGrammar.PlaceholderOpen)
            {
                inside = true;
            }
            else if (c == KeyGrammar.PlaceholderClose)
            {
                inside = false;
            }
            else if (!inside)
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
