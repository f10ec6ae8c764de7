namespace CachingGen.Generator.Emit;

/// <summary>
/// The values a key holds, when they fit in two <see langword="long"/>s (one or two integer parameters up to
/// <see langword="long"/>, or one GUID, each as it is) or are one string parameter: the generated hit path then looks
/// the entry up by them first (<c>CacheOperations.TryGetLocalByValue</c>) and builds the key only when that misses.
/// Sound because a key's text is a function of its values (a string is escaped, never folded): the entry remembered
/// under a value is the one that value's key found. Other keys (member paths, nullable values, a string with other
/// values, more values) take the ordinary path only. Member paths are left out so the path is read once per call, as before. A format
/// (a GUID's "D", a number's own) changes nothing: the text is still a function of the value (invariant culture).
/// </summary>
/// <param name="Names">The parameters' names, for the comment ("userId", "userId and tokenId").</param>
/// <param name="Arguments">", a" or ", a, b": the arguments that follow the descriptor in the generated call.</param>
internal sealed record HitValue(string Names, string Arguments)
{
    private const string GuidType = "global::System.Guid";

    // A string parameter however its type is spelled; a null one (a caller ignoring the annotation) is the runtime's to
    // send down the ordinary path.
    private static readonly string[] StringTypes = ["string", "string?", "global::System.String", "global::System.String?"];

    /// <summary>The key's values, or null when the key does not hold them as described above.</summary>
    /// <param name="rootArguments">", a, b": the arguments that feed the key builder, as the caller passes them, in the order of the key's roots.</param>
    public static HitValue? Of(KeyTemplateModel key, string rootArguments)
    {
        var values = key.Segments.Where(s => s.Literal is null).ToList();
        var arguments = rootArguments.Split([", "], StringSplitOptions.None).Skip(1).ToList();
        if (!key.IsPrefix && key.Roots.Count == 1 && values.Count == 1 && arguments.Count == 1
            && StringTypes.Contains(key.Roots[0].Type) && values[0] is { Format: ValueFormat.String } value && value.Expression == key.Roots[0].Name)
        {
            return new HitValue(arguments[0], ", " + arguments[0]);
        }

        if (key.IsPrefix
            || key.Roots.Count is < 1 or > 2
            || values.Count != key.Roots.Count
            || arguments.Count != key.Roots.Count
            || !key.Roots.All(root => values.Any(v => v is { Format: ValueFormat.SpanFormattable, CanBeNull: false } && v.Expression == root.Name)))
        {
            return null;
        }

        var names = string.Join(" and ", arguments);
        if (key.Roots.Count == 1 && key.Roots[0].Type == GuidType)
        {
            return new HitValue(names, ", " + arguments[0]);
        }

        var longs = new List<string>();
        for (var i = 0; i < key.Roots.Count; i++)
        {
            switch (key.Roots[i].Type)
            {
                // Exactly representable in a long, so overloads of one method (one descriptor, one memo) that take
                // different integer types agree: the same long is the same key text. Not ulong: its values above
                // long.MaxValue would meet negative longs.
                case "long" or "int" or "short" or "byte" or "uint" or "ushort" or "sbyte":
                    longs.Add(arguments[i]);
                    break;
                default:
                    return null;
            }
        }

        return new HitValue(names, string.Concat(longs.Select(l => ", " + l)));
    }
}
