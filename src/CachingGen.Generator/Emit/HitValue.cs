namespace CachingGen.Generator.Emit;

/// <summary>
/// The one integer value a key holds (<c>balance:user:&lt;userId&gt;</c>), when it has exactly one: the generated hit path
/// then looks the entry up by that value first (<c>CacheOperations.TryGetLocalByValue</c>) and builds the key only when
/// that misses. Two values of such a key never give one key text, since the value is the only part that varies and an
/// integer's invariant text is one-to-one; other keys (several values, strings, member paths, formats) take the
/// ordinary path only.
/// </summary>
/// <param name="Name">The parameter's name, for the comment.</param>
/// <param name="Expression">The argument as a <c>long</c>.</param>
internal sealed record HitValue(string Name, string Expression)
{
    /// <summary>The key's value, or null when the key does not hold exactly one integer parameter as it is.</summary>
    /// <param name="rootArguments">", a": the argument that feeds the key builder, as the caller passes it.</param>
    public static HitValue? Of(KeyTemplateModel key, string rootArguments)
    {
        if (key.IsPrefix || key.Roots.Count != 1)
        {
            return null;
        }

        var values = key.Segments.Where(s => s.Literal is null).ToList();
        var root = key.Roots[0];
        if (values.Count != 1
            || values[0] is not { Format: ValueFormat.SpanFormattable, FormatString: null, CanBeNull: false } segment
            || segment.Expression != root.Name
            || !rootArguments.StartsWith(", ", StringComparison.Ordinal))
        {
            return null;
        }

        var argument = rootArguments.Substring(2);
        return root.Type switch
        {
            "long" or "int" or "short" or "byte" or "uint" or "ushort" or "sbyte" => new HitValue(argument, argument),
            // Two's complement: a bijection onto long, so two ulong values never share a slot's value.
            "ulong" => new HitValue(argument, $"unchecked((long){argument})"),
            _ => null,
        };
    }
}
