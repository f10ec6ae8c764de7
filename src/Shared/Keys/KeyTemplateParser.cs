using System.Collections.Generic;
using System.Text;

namespace CachingGen.Keys;

/// <summary>
/// Splits a key template such as <c>balance:user:&lt;userId&gt;</c> into literal text and placeholders. Pure text
/// work, shared by the generator and the analyzers, so both agree on what a template means.
/// </summary>
internal static class KeyTemplateParser
{
    /// <summary>
    /// Parses <paramref name="template"/>. With <paramref name="allowPrefix"/> (an <c>[Invalidates]</c> template), a
    /// trailing <c>:*</c> is allowed and left out of the tokens: the template then names a prefix.
    /// </summary>
    public static bool TryParse(string? template, out List<TemplateToken> tokens, out TemplateError error, bool allowPrefix = false)
    {
        tokens = new List<TemplateToken>();
        error = default;
        if (allowPrefix && template is { Length: > 0 } && template[template.Length - 1] == KeyGrammar.Wildcard)
        {
            if (template.Length < 2 || template[template.Length - 2] != KeyGrammar.Separator)
            {
                error = new TemplateError("a prefix invalidation ends with ':*' (for example \"balance:user:<userId>:*\"), so it removes whole key segments", template.Length - 1, 1);
                return false;
            }

            template = template.Substring(0, template.Length - 1);
        }

        if (template is null || template.Length == 0 || IsAllWhiteSpace(template))
        {
            error = new TemplateError("the key template is empty; write the key, for example \"balance:<id>\"", 0, template?.Length ?? 0);
            return false;
        }

        var braces = FindBracePlaceholders(template);
        if (braces.Count > 0)
        {
            error = braces[0].Error;
            return false;
        }

        var literal = new StringBuilder();
        var literalStart = 0;
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c == KeyGrammar.PlaceholderClose)
            {
                error = new TemplateError("'>' has no matching '<'", i, 1);
                return false;
            }

            if (c == KeyGrammar.Wildcard)
            {
                error = new TemplateError(allowPrefix
                    ? "'*' is only allowed at the very end, after ':' (a prefix invalidation such as \"balance:user:<userId>:*\")"
                    : "'*' is not allowed in a [Cached] key; a trailing ':*' is for [Invalidates] templates only", i, 1);
                return false;
            }

            if (c is '{' or '}')
            {
                error = new TemplateError($"'{c}' is reserved: keys are wrapped in braces as a cluster hash tag, so a key template cannot contain them", i, 1);
                return false;
            }

            if (c == KeyGrammar.Escape)
            {
                error = new TemplateError("'\\' is reserved: it escapes characters inside placeholder values, so a key template cannot contain it", i, 1);
                return false;
            }

            if (c != KeyGrammar.PlaceholderOpen)
            {
                if (literal.Length == 0)
                {
                    literalStart = i;
                }

                literal.Append(c);
                i++;
                continue;
            }

            var close = template.IndexOf(KeyGrammar.PlaceholderClose, i + 1);
            var nextOpen = template.IndexOf(KeyGrammar.PlaceholderOpen, i + 1);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close))
            {
                error = new TemplateError("'<' is never closed by '>'", i, (nextOpen >= 0 ? nextOpen : template.Length) - i);
                return false;
            }

            var path = template.Substring(i + 1, close - i - 1);
            var length = close - i + 1;
            if (path.Length == 0)
            {
                error = new TemplateError("the placeholder '<>' is empty; name a parameter, for example <id>", i, length);
                return false;
            }

            if (ContainsWhiteSpace(path))
            {
                error = new TemplateError($"the placeholder '<{path}>' contains white space; write <{RemoveWhiteSpace(path)}>", i, length);
                return false;
            }

            if (!IsValidPath(path))
            {
                error = new TemplateError($"'<{path}>' is not a parameter name or a member path such as <order.Customer.Id>", i, length);
                return false;
            }

            if (literal.Length > 0)
            {
                tokens.Add(new TemplateToken(false, literal.ToString(), literalStart, literal.Length));
                literal.Clear();
            }

            tokens.Add(new TemplateToken(true, path, i, length));
            i = close + 1;
        }

        if (literal.Length > 0)
        {
            tokens.Add(new TemplateToken(false, literal.ToString(), literalStart, literal.Length));
        }

        return CheckTerminators(tokens, out error);
    }

    /// <summary>
    /// Every <c>{...}</c> in <paramref name="template"/>. Braces are literal text to the key builder, so <c>"h:{id}"</c>
    /// would compile to one constant key shared by every call; no key needs a braced word, so each is refused.
    /// </summary>
    public static List<BracePlaceholder> FindBracePlaceholders(string template)
    {
        var found = new List<BracePlaceholder>();
        var open = template.IndexOf('{');
        while (open >= 0)
        {
            var close = template.IndexOf('}', open + 1);
            if (close < 0)
            {
                break;
            }

            var content = template.Substring(open + 1, close - open - 1);
            var nested = content.IndexOf('{');
            if (nested >= 0)
            {
                open += nested + 1;
                continue;
            }

            if (content.Length > 0 && content.IndexOf(KeyGrammar.PlaceholderOpen) < 0 && content.IndexOf(KeyGrammar.PlaceholderClose) < 0)
            {
                var path = RemoveWhiteSpace(content);
                var replacement = IsValidPath(path) ? KeyGrammar.Placeholder(path) : null;
                var reason = $"'{{{content}}}' is not a placeholder: CachingGen placeholders are written {replacement ?? "<parameterName>"}";
                found.Add(new BracePlaceholder(new TemplateError(reason, open, close - open + 1), replacement));
            }

            open = template.IndexOf('{', close + 1);
        }

        return found;
    }

    /// <summary>
    /// Keys are collision-free by construction only if each value ends where its terminator (the character after
    /// its placeholder, which the key builder escapes inside the value) first appears unescaped. That needs a
    /// terminator: two adjacent placeholders have none, and a letter, digit or '_' would be escaped inside every
    /// number, name or identifier, so it is refused rather than quietly making keys unreadable.
    /// </summary>
    private static bool CheckTerminators(List<TemplateToken> tokens, out TemplateError error)
    {
        error = default;
        for (var t = 0; t + 1 < tokens.Count; t++)
        {
            if (!tokens[t].IsPlaceholder)
            {
                continue;
            }

            var next = tokens[t + 1];
            if (next.IsPlaceholder)
            {
                var pair = $"<{tokens[t].Text}><{next.Text}>";
                error = new TemplateError($"'{pair}' has no text between the two placeholders, so (\"12\", \"3\") and (\"1\", \"23\") would build the same key; put a separator between them, as in <{tokens[t].Text}>:<{next.Text}>", tokens[t].Start, next.Start + next.Length - tokens[t].Start);
                return false;
            }

            if (!KeyGrammar.IsValueTerminator(next.Text[0]))
            {
                error = new TemplateError($"'<{tokens[t].Text}>' is followed by '{next.Text[0]}'; a placeholder must be followed by punctuation such as ':' or '-' (or end the key), so a value cannot run into the text after it", next.Start, 1);
                return false;
            }
        }

        return true;
    }

    private static bool IsValidPath(string path)
    {
        foreach (var part in path.Split(KeyGrammar.MemberSeparator))
        {
            if (!IsIdentifier(part))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIdentifier(string text)
    {
        if (text.Length == 0 || !(char.IsLetter(text[0]) || text[0] == '_'))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ContainsWhiteSpace(string text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAllWhiteSpace(string text) => text.Trim().Length == 0;

    private static string RemoveWhiteSpace(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
