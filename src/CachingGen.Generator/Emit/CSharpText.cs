using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace CachingGen.Generator.Emit;

/// <summary>C# and XML text for generated code: string and char literals, doc-comment text.</summary>
internal static class CSharpText
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
}
