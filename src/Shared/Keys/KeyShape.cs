using System;
using System.Collections.Generic;
using System.Linq;

namespace CachingGen.Keys;

/// <summary>
/// A key template reduced to what decides which keys it can produce: its literal characters, with each
/// placeholder standing for "any value". Two shapes overlap when some key fits both.
/// </summary>
/// <remarks>
/// A placeholder is taken to produce any text without a raw separator and without a raw terminator (the character
/// after it in its template): the key builder escapes both in values. Templates cannot contain the escape character
/// (CG0002), so an escaped pair in a value can only meet another placeholder, never literal text: the model is exact.
/// Elements are characters (0 and up) or placeholders (negative: <c>-1</c> ends the key, <c>-2 - c</c> is followed by c).
/// </remarks>
internal sealed class KeyShape
{
    private const int Placeholder = -1;
    private readonly int[] _elements;

    // Per element: true for a placeholder whose values are digits and '-' only (a non-nullable integer parameter).
    private readonly bool[] _numeric;

    private readonly string _head;

    private KeyShape(string text, int[] elements, bool[] numeric, bool isPrefix)
    {
        Text = text;
        _elements = elements;
        _numeric = numeric;
        IsPrefix = isPrefix;
        var head = 0;
        while (head < elements.Length && !IsPlaceholder(elements[head]))
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

    /// <summary>
    /// The shape of <paramref name="text"/>; with <paramref name="isNumeric"/>, placeholders whose path it says is a
    /// non-nullable integer produce only digits and '-' (so "user:&lt;id&gt;" cannot meet "&lt;a&gt;:&lt;b&gt;" where b is "user"
    /// text); without it every placeholder produces any text, which over-approximates and never misses an overlap.
    /// </summary>
    public static KeyShape? TryCreate(string? text, Func<string, bool>? isNumeric = null)
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
        var numeric = new List<bool>();
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t];
            if (token.IsPlaceholder)
            {
                elements.Add(t + 1 < tokens.Count && !tokens[t + 1].IsPlaceholder ? Placeholder - 1 - tokens[t + 1].Text[0] : Placeholder);
                numeric.Add(isNumeric?.Invoke(token.Text) == true);
                continue;
            }

            foreach (var c in token.Text)
            {
                elements.Add(c);
                numeric.Add(false);
            }
        }

        return new KeyShape(text, elements.ToArray(), numeric.ToArray(), isPrefix);
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

            if (i < a.Length && IsPlaceholder(a[i]))
            {
                pending.Push((i + 1, j));
                if (j < b.Length && CanProduce(cached, i, b[j]))
                {
                    pending.Push((i, j + 1));
                }
            }

            if (j < b.Length && IsPlaceholder(b[j]))
            {
                pending.Push((i, j + 1));
                if (i < a.Length && CanProduce(other, j, a[i]))
                {
                    pending.Push((i + 1, j));
                }
            }

            if (i < a.Length && j < b.Length && !IsPlaceholder(a[i]) && a[i] == b[j])
            {
                pending.Push((i + 1, j + 1));
            }
        }

        return false;
    }

    /// <summary>Whether two templates differ only in their placeholder names (they build exactly the same keys).</summary>
    public static bool SameShape(KeyShape a, KeyShape b)
        => a.IsPrefix == b.IsPrefix && a._elements.SequenceEqual(b._elements) && a._numeric.SequenceEqual(b._numeric);

    private static bool IsPlaceholder(int element) => element < 0;

    /// <summary>Whether the value of the placeholder at <paramref name="index"/> can contain the literal character <paramref name="element"/> raw.</summary>
    private static bool CanProduce(KeyShape shape, int index, int element)
    {
        var placeholder = shape._elements[index];
        return !IsPlaceholder(element)
            && element != KeyGrammar.Separator
            && (placeholder == Placeholder || element != Placeholder - 1 - placeholder)
            && (!shape._numeric[index] || element == '-' || (element >= '0' && element <= '9'));
    }
}
