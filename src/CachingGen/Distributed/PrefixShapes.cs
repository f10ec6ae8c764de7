using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading;

namespace CachingGen.Distributed;

/// <summary>
/// The prefix invalidations (<c>[Invalidates("balance:user:&lt;userId&gt;:*")]</c>) declared in the loaded
/// assemblies, registered by generated code when an assembly loads. A distributed level indexes each stored key
/// only under the prefixes that one of these can name, instead of under every <c>:</c>-ended prefix of the key.
/// </summary>
public static class PrefixShapes
{
    private static (string Head, int Depth)[] s_shapes = [];

    /// <summary>Whether any prefix invalidation is declared.</summary>
    public static bool Any => Volatile.Read(ref s_shapes).Length > 0;

    /// <summary>
    /// Registers a prefix template: <paramref name="head"/> is its literal text before the first placeholder,
    /// <paramref name="depth"/> the number of <c>:</c> in the prefix it builds. Called by generated code.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void Register(string head, int depth)
    {
        ArgumentNullException.ThrowIfNull(head);
        while (true)
        {
            var current = Volatile.Read(ref s_shapes);
            if (Array.IndexOf(current, (head, depth)) >= 0)
            {
                return;
            }

            var next = new (string, int)[current.Length + 1];
            current.CopyTo(next, 0);
            next[^1] = (head, depth);
            if (Interlocked.CompareExchange(ref s_shapes, next, current) == current)
            {
                return;
            }
        }
    }

    /// <summary>
    /// The prefixes of <paramref name="key"/> that a registered prefix invalidation can name: for
    /// <c>balance:user:42:token:7</c> and the shape (<c>balance:user:</c>, 3), <c>balance:user:42:</c>.
    /// </summary>
    public static List<string> PrefixesOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var result = new List<string>();
        foreach (var (head, depth) in Volatile.Read(ref s_shapes))
        {
            if (!key.StartsWith(head, StringComparison.Ordinal))
            {
                continue;
            }

            var end = EndOfSegment(key, depth);
            if (end > 0 && !result.Contains(key[..end]))
            {
                result.Add(key[..end]);
            }
        }

        return result;
    }

    /// <summary>Length of the prefix that ends with the <paramref name="depth"/>-th unescaped ':' (values escape theirs as <c>\:</c>), or 0.</summary>
    private static int EndOfSegment(string key, int depth)
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
            else if (c == '\\')
            {
                escaped = true;
            }
            else if (c == ':' && ++seen == depth)
            {
                return i + 1;
            }
        }

        return 0;
    }
}
