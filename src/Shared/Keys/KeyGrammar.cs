using System;

namespace CachingGen.Keys;

/// <summary>
/// The grammar of cache keys, in one place for everything that builds, parses, escapes, matches or prefixes
/// them: the generator and analyzers (templates), the runtime (key builder, prefix tagging) and the code fixes.
/// This file is compiled into each of those assemblies (linked, not referenced), so the rules cannot drift.
/// </summary>
/// <remarks>
/// A template is literal text and placeholders (<c>&lt;name&gt;</c> or <c>&lt;name.Member.Path&gt;</c>). At run time a
/// placeholder's value is escaped: <see cref="Escape"/> goes before any of <see cref="ReservedInValues"/>, and a null
/// value is written <see cref="NullToken"/>. An <c>[Invalidates]</c> template ending in <see cref="PrefixSuffix"/>
/// names every key that starts with the text before the <see cref="Wildcard"/>.
/// </remarks>
internal static class KeyGrammar
{
    /// <summary>Separates key segments; a prefix invalidation removes whole segments.</summary>
    public const char Separator = ':';

    /// <summary>Escapes a reserved character inside a placeholder value.</summary>
    public const char Escape = '\\';

    /// <summary>Ends a prefix template (after <see cref="Separator"/>); never allowed elsewhere in a template.</summary>
    public const char Wildcard = '*';

    /// <summary>How a null placeholder value is written (an empty string stays empty).</summary>
    public const string NullToken = "\\0";

    /// <summary>The suffix of a prefix template: <c>balance:user:&lt;userId&gt;:*</c>.</summary>
    public const string PrefixSuffix = ":*";

    /// <summary>Opens a placeholder.</summary>
    public const char PlaceholderOpen = '<';

    /// <summary>Closes a placeholder.</summary>
    public const char PlaceholderClose = '>';

    /// <summary>Separates the parts of a member path inside a placeholder (<c>order.Customer.Id</c>).</summary>
    public const char MemberSeparator = '.';

    /// <summary>
    /// The characters a placeholder value escapes with <see cref="Escape"/>: the escape itself, the separator, the
    /// wildcard, and the braces (a distributed level wraps each key in <c>{…}</c> as a cluster hash tag, and a key that
    /// began with a raw <c>}</c> would give it an empty tag and scatter the key's parts across slots).
    /// </summary>
    public const string ReservedInValues = "\\:*{}";

    /// <summary>The placeholder for <paramref name="path"/>: <c>&lt;path&gt;</c>.</summary>
    public static string Placeholder(string path) => $"{PlaceholderOpen}{path}{PlaceholderClose}";

    /// <summary>Whether <paramref name="c"/> must be escaped inside a placeholder value.</summary>
    public static bool IsReservedInValue(char c) => c == Escape || c == Separator || c == Wildcard || c == '{' || c == '}';

    /// <summary>
    /// Whether <paramref name="c"/> may follow a placeholder in a template. The key builder escapes it inside that
    /// placeholder's value, so the value ends where it first appears unescaped; letters, digits and '_' are refused
    /// because they occur in almost every value, and half of a surrogate pair because escaping it would split a character.
    /// </summary>
    public static bool IsValueTerminator(char c)
        => !char.IsLetterOrDigit(c) && !char.IsSurrogate(c) && c != '_' && c != Escape && c != Wildcard && c != PlaceholderOpen;

    /// <summary>Whether <paramref name="template"/> names a prefix (ends with <see cref="PrefixSuffix"/>).</summary>
    public static bool IsPrefixTemplate(string template)
        => template.EndsWith(PrefixSuffix, StringComparison.Ordinal);

    /// <summary>How many separators <paramref name="literal"/> text holds (values escape their own, so they add none).</summary>
    public static int SeparatorCount(string literal)
    {
        var count = 0;
        foreach (var c in literal)
        {
            if (c == Separator)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Length of the prefix of a built <paramref name="key"/> that ends with its <paramref name="depth"/>-th
    /// unescaped <see cref="Separator"/>, or 0 when the key has fewer.
    /// </summary>
    public static int EndOfSegment(string key, int depth)
    {
        var seen = 0;
        var escaped = false;
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (escaped)
            {
                escaped = false;
            }
            else if (c == Escape)
            {
                escaped = true;
            }
            else if (c == Separator && ++seen == depth)
            {
                return i + 1;
            }
        }

        return 0;
    }
}
