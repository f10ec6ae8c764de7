using System;
using System.Collections.Generic;
using System.Linq;
using CachingGen.Keys;

namespace CachingGen.Generator.Parsing;

/// <summary>
/// A key template reduced to what decides which keys it can produce: its literal characters, with each
/// placeholder standing for "any value". Two shapes overlap when some key fits both.
/// </summary>
/// <remarks>
/// A placeholder is taken to produce any text without a raw separator (the key builder escapes it in values), which is
/// exact for every template that does not itself contain a backslash.
/// </remarks>
internal sealed class KeyShape
{
    private const int Placeholder = -1;
    private readonly int[] _elements;

    private readonly string _head;

    private KeyShape(string text, int[] elements, bool isPrefix)
    {
        Text = text;
        _elements = elements;
        IsPrefix = isPrefix;
        var head = 0;
        while (head < elements.Length && elements[head] != Placeholder)
        {
            head++;
        }

        _head = new string(elements.Take(head).Select(c => (char)c).ToArray());
    }

    public string Text { get; }

    /// <summary>The literal text before the first placeholder: two shapes overlap only if one's head starts with the other's.</summary>
    public string Head => _head;

    /// <summary>True for an invalidation template ending in <see cref="KeyGrammar.PrefixSuffix"/>, which matches every key starting with it.</summary>
    public bool IsPrefix { get; }

    public static KeyShape? TryCreate(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var isPrefix = KeyGrammar.IsPrefixTemplate(text);
        if (!KeyTemplateParser.TryParse(text, out var tokens, out _, allowPrefix: true))
        {
            return null;
        }

        var elements = new List<int>();
        foreach (var token in tokens)
        {
            if (token.IsPlaceholder)
            {
                elements.Add(Placeholder);
                continue;
            }

            foreach (var c in token.Text)
            {
                elements.Add(c);
            }
        }

        return new KeyShape(text, elements.ToArray(), isPrefix);
    }

    /// <summary>
    /// Whether some key produced by <paramref name="cached"/> is matched by <paramref name="other"/>: equal to one
    /// of its keys, or, when <paramref name="other"/> is a prefix, starting with one.
    /// </summary>
    public static bool Overlaps(KeyShape cached, KeyShape other)
    {
        // Cheap rejection first: the literal text before the first placeholder must agree as far as both go.
        // Most pairs of templates in a project differ there, which keeps checking every pair affordable.
        var common = Math.Min(cached._head.Length, other._head.Length);
        if (string.CompareOrdinal(cached._head, 0, other._head, 0, common) != 0)
        {
            return false;
        }

        // A walk over pairs of positions, one in each shape; each pair is visited once, so the cost is
        // at most the product of the two lengths.
        var a = cached._elements;
        var b = other._elements;
        var visited = new HashSet<long>();
        var pending = new Stack<(int I, int J)>();
        pending.Push((0, 0));
        while (pending.Count > 0)
        {
            var (i, j) = pending.Pop();
            if (!visited.Add(((long)i << 32) | (uint)j))
            {
                continue;
            }

            if (j == b.Length && (i == a.Length || other.IsPrefix))
            {
                return true;
            }

            if (i < a.Length && a[i] == Placeholder)
            {
                pending.Push((i + 1, j));
                if (j < b.Length && b[j] != Placeholder && b[j] != KeyGrammar.Separator)
                {
                    pending.Push((i, j + 1));
                }
            }

            if (j < b.Length && b[j] == Placeholder)
            {
                pending.Push((i, j + 1));
                if (i < a.Length && a[i] != Placeholder && a[i] != KeyGrammar.Separator)
                {
                    pending.Push((i + 1, j));
                }
            }

            if (i < a.Length && j < b.Length && a[i] != Placeholder && a[i] == b[j])
            {
                pending.Push((i + 1, j + 1));
            }
        }

        return false;
    }
}
