using CachingGen.Infrastructure;
using CachingGen.Keys;

namespace CachingGen.Internals.Keys;

/// <summary>
/// The prefix invalidations declared in the loaded assemblies (registered with their decorators). A distributed
/// level indexes each stored key only under the prefixes one of these can name, instead of under every
/// separator-ended prefix of the key.
/// </summary>
internal static class PrefixIndex
{
    private static PrefixShape[] s_shapes = [];

    /// <summary>Whether any prefix invalidation is declared.</summary>
    public static bool Any => Volatile.Read(ref s_shapes).Length > 0;

    public static void Register(PrefixShape shape)
    {
        while (true)
        {
            var current = Volatile.Read(ref s_shapes);
            if (Array.IndexOf(current, shape) >= 0)
            {
                return;
            }

            var next = new PrefixShape[current.Length + 1];
            current.CopyTo(next, 0);
            next[^1] = shape;
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
    public static IReadOnlyList<string> PrefixesOf(string key)
    {
        var shapes = Volatile.Read(ref s_shapes);
        List<string>? result = null;
        foreach (var shape in shapes)
        {
            if (!key.StartsWith(shape.Head, StringComparison.Ordinal))
            {
                continue;
            }

            var end = KeyGrammar.EndOfSegment(key, shape.Depth);
            if (end > 0)
            {
                result ??= new List<string>(1);
                var prefix = key[..end];
                if (!result.Contains(prefix))
                {
                    result.Add(prefix);
                }
            }
        }

        return (IReadOnlyList<string>?)result ?? [];
    }
}
