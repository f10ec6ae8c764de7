using System;
using CachingGen.Keys;

namespace CachingGen.Internals.Keys;

/// <summary>
/// Whether an invalidation template can remove a key a cached template builds, judged on the templates alone: a
/// placeholder stands for any value (one or more characters, never a separator, which values escape), a literal must
/// be equal, and a prefix template (<c>…:*</c>) matches every key that starts like it. For the cache map: an overview,
/// not a proof (CG0015 is the compile-time check).
/// </summary>
internal static class TemplateOverlap
{
    public static bool CanMatch(string invalidation, string cached)
    {
        var prefix = KeyGrammar.IsPrefixTemplate(invalidation);
        var pattern = prefix ? invalidation[..^1] : invalidation;
        return Match(pattern, 0, cached, 0, prefix);
    }

    private static bool Match(string a, int i, string b, int j, bool prefix)
    {
        while (true)
        {
            if (i == a.Length)
            {
                return prefix || j == b.Length;
            }

            if (j == b.Length)
            {
                return false;
            }

            var aPlaceholder = a[i] == KeyGrammar.PlaceholderOpen;
            var bPlaceholder = b[j] == KeyGrammar.PlaceholderOpen;
            if (!aPlaceholder && !bPlaceholder)
            {
                if (a[i] != b[j])
                {
                    return false;
                }

                i++;
                j++;
                continue;
            }

            // A placeholder on either side takes one or more characters (or the other side's whole placeholder) up to a
            // separator: try every length.
            var (placeholderSide, other, from, at) = aPlaceholder ? (a, b, i, j) : (b, a, j, i);
            var end = placeholderSide.IndexOf(KeyGrammar.PlaceholderClose, from);
            if (end < 0)
            {
                return false;
            }

            for (var taken = at + 1; taken <= other.Length; taken++)
            {
                var last = other[taken - 1];
                if (last == KeyGrammar.Separator)
                {
                    break;
                }

                if (other[at] == KeyGrammar.PlaceholderOpen && taken - 1 < other.IndexOf(KeyGrammar.PlaceholderClose, at))
                {
                    continue;
                }

                var matched = aPlaceholder ? Match(a, end + 1, b, taken, prefix) : Match(a, taken, b, end + 1, prefix);
                if (matched)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
