using System.Globalization;

namespace CachingGen.Postgres.Internals;

/// <summary>
/// A column's text (pgoutput sends values as text) as the generated key builder writes a placeholder of a C# type, or
/// null when it cannot say for sure. Only types whose PostgreSQL text and .NET invariant text are the same value in the
/// same spelling are exact; for any other type, or a text that is not canonical, the read is invalidated by prefix: a
/// wrong key would leave the real one stale.
/// </summary>
internal static class KeyText
{
    public static string? Of(string type, string text)
    {
        var plain = type.EndsWith('?') ? type[..^1] : type;
        return plain switch
        {
            "string" => text,
            "int" => Integer(text, int.MinValue, int.MaxValue),
            "long" => Integer(text, long.MinValue, long.MaxValue),
            "short" => Integer(text, short.MinValue, short.MaxValue),
            "byte" => Integer(text, byte.MinValue, byte.MaxValue),
            "sbyte" => Integer(text, sbyte.MinValue, sbyte.MaxValue),
            "uint" => Integer(text, uint.MinValue, uint.MaxValue),
            "ulong" => Integer(text, ulong.MinValue, ulong.MaxValue),
            "ushort" => Integer(text, ushort.MinValue, ushort.MaxValue),
            "bool" => text switch { "t" or "true" => "true", "f" or "false" => "false", _ => null },
            "System.Guid" or "Guid" => Guid.TryParse(text, out var guid) && guid.ToString("D") == text ? text : null,
            _ => null,
        };
    }

    private static string? Integer(string text, Int128 min, Int128 max)
        => Int128.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max && value.ToString(CultureInfo.InvariantCulture) == text
                ? text
                : null;
}
