using System.Collections.Generic;
using System.Text;
using System;
using CachingGen.Infrastructure;
using CachingGen.Keys;

namespace CachingGen.AspNetCore.Internals;

/// <summary>
/// Builds a key (or a prefix) from a template the generator compiled and values an operator typed, escaping each value
/// exactly as the generated key builders do: a value can never add a separator or a wildcard, so an invalidation
/// reaches what the template says and nothing more.
/// </summary>
internal static class KeyFromTemplate
{
    /// <summary>The longest key built: a template's literals and values of at most <see cref="CanonicalValue.MaxLength"/> characters each.</summary>
    public const int MaxKeyLength = 2048;

    /// <summary>
    /// The key, or null with <paramref name="error"/> saying which value is missing, unknown, not of its placeholder's
    /// type (<paramref name="typeOf"/>; null: any text) or why the template cannot be used.
    /// </summary>
    public static string? Build(string template, IReadOnlyDictionary<string, string?> values, Func<string, Type?> typeOf, out bool isPrefix, out string? error)
    {
        isPrefix = KeyGrammar.IsPrefixTemplate(template);
        var body = isPrefix ? template[..^1] : template;
        var used = new HashSet<string>(StringComparer.Ordinal);
        var key = new CacheKeyBuilder(stackalloc char[128]);
        try
        {
            var position = 0;
            while (position < body.Length)
            {
                var open = body.IndexOf(KeyGrammar.PlaceholderOpen, position);
                if (open < 0)
                {
                    key.AppendLiteral(body[position..]);
                    break;
                }

                if (open > position)
                {
                    key.AppendLiteral(body[position..open]);
                }

                var close = body.IndexOf(KeyGrammar.PlaceholderClose, open);
                if (close < 0)
                {
                    error = $"the template '{template}' has an unclosed placeholder";
                    return null;
                }

                var path = body[(open + 1)..close];
                if (!values.TryGetValue(path, out var value))
                {
                    error = $"no value for <{path}>: give every placeholder of '{template}' a value";
                    return null;
                }

                used.Add(path);
                var terminator = close + 1 < body.Length ? body[close + 1] : KeyGrammar.Separator;
                var type = typeOf(path);
                if (value is null)
                {
                    if (!CanonicalValue.AcceptsNull(type))
                    {
                        error = $"<{path}> is a {type!.Name}, which cannot be null";
                        return null;
                    }

                    key.AppendNull();
                }
                else
                {
                    var written = CanonicalValue.Write(path, value, type, out error);
                    if (written is null)
                    {
                        return null;
                    }

                    key.AppendString(written, terminator);
                }

                if (key.Length > MaxKeyLength)
                {
                    error = $"the key would be longer than {MaxKeyLength:N0} characters";
                    return null;
                }

                position = close + 1;
            }

            foreach (var name in values.Keys)
            {
                if (!used.Contains(name))
                {
                    error = $"'{(name.Length > 100 ? name[..100] + "…" : name)}' is not a placeholder of '{template}'";
                    return null;
                }
            }

            error = null;
            return key.ToString();
        }
        finally
        {
            key.Dispose();
        }
    }

    /// <summary>The placeholders of <paramref name="template"/>, for a message that lists what to give.</summary>
    public static string Placeholders(string template)
    {
        var text = new StringBuilder();
        for (var open = template.IndexOf(KeyGrammar.PlaceholderOpen); open >= 0; open = template.IndexOf(KeyGrammar.PlaceholderOpen, open + 1))
        {
            var close = template.IndexOf(KeyGrammar.PlaceholderClose, open);
            if (close < 0)
            {
                break;
            }

            text.Append(text.Length == 0 ? string.Empty : ", ").Append(template, open + 1, close - open - 1);
        }

        return text.ToString();
    }
}
