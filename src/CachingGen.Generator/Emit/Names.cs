using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace CachingGen.Generator.Emit;

internal static class Names
{
    public static string Literal(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

    public static string CharLiteral(char c) => SymbolDisplay.FormatLiteral(c, quote: true);

    /// <summary>
    /// Text for a doc comment: control and line-break characters (which would end the comment, or are not
    /// valid XML) are written as <c>\uXXXX</c>, and <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> are escaped.
    /// </summary>
    public static string Xml(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u0085' or '\uFFFE' or '\uFFFF')
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (c == '&')
            {
                builder.Append("&amp;");
            }
            else if (c == '<')
            {
                builder.Append("&lt;");
            }
            else if (c == '>')
            {
                builder.Append("&gt;");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary><paramref name="wanted"/>, or with trailing underscores until it differs from every name in <paramref name="taken"/>.</summary>
    public static string Unique(string wanted, IEnumerable<string> taken)
    {
        var name = wanted;
        while (IsTaken(name, taken))
        {
            name += "_";
        }

        return name;
    }

    private static bool IsTaken(string name, IEnumerable<string> taken)
    {
        foreach (var t in taken)
        {
            var offset = t.Length > 0 && t[0] == '@' ? 1 : 0;
            if (t.Length - offset == name.Length && string.CompareOrdinal(t, offset, name, 0, name.Length) == 0)
            {
                return true;
            }
        }

        return false;
    }

    public static string CamelCase(string name)
    {
        var trimmed = name.TrimStart('@');
        return trimmed.Length == 0 ? trimmed : char.ToLowerInvariant(trimmed[0]) + trimmed.Substring(1);
    }

    /// <summary>A readable member name from a template: <c>balance:user:&lt;userId&gt;:total</c> → <c>BalanceUserUserIdTotal</c>.</summary>
    public static string FromTemplate(string template)
    {
        var builder = new StringBuilder();
        var upperNext = true;
        foreach (var c in template)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
                upperNext = false;
            }
            else
            {
                upperNext = true;
            }
        }

        if (builder.Length == 0 || char.IsDigit(builder[0]))
        {
            builder.Insert(0, "Key");
        }

        return builder.ToString();
    }
}
