using CachingGen.Generator.Parsing;
using CachingGen.Infrastructure;
using CachingGen.Keys;

namespace CachingGen.Generator.Tests.Keys;

/// <summary>
/// Builds the key of a parsed template for string values exactly as generated key builders do (literal text as is;
/// each value escaped, with the character after its placeholder as its terminator when that is not the separator).
/// <see cref="KeyPropertyTests"/> checks this against generated code, then uses it on random templates.
/// </summary>
internal static class TemplateKeys
{
    public static string Build(IReadOnlyList<TemplateToken> tokens, IReadOnlyList<string?> values)
    {
        var key = new CacheKeyBuilder(new char[64]);
        var value = 0;
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t];
            if (!token.IsPlaceholder)
            {
                key.AppendLiteral(token.Text);
                continue;
            }

            var next = t + 1 < tokens.Count ? tokens[t + 1].Text[0] : KeyGrammar.Separator;
            if (next == KeyGrammar.Separator)
            {
                key.AppendString(values[value++]);
            }
            else
            {
                key.AppendString(values[value++], next);
            }
        }

        return key.ToStringAndDispose();
    }

    public static int PlaceholderCount(IReadOnlyList<TemplateToken> tokens)
    {
        var count = 0;
        foreach (var token in tokens)
        {
            count += token.IsPlaceholder ? 1 : 0;
        }

        return count;
    }
}
