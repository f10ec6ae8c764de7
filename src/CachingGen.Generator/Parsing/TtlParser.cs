using System;
using System.Globalization;

namespace CachingGen.Generator.Parsing;

/// <summary>Parses a TTL written in the invariant TimeSpan format ("c": <c>[d.]hh:mm:ss[.fffffff]</c>).</summary>
internal static class TtlParser
{
    public static bool TryParse(string? text, out TimeSpan ttl, out string reason)
    {
        ttl = default;
        if (text is null || !TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out ttl))
        {
            reason = $"'{text}' is not a TimeSpan in the invariant format; write hh:mm:ss or d.hh:mm:ss, for example \"00:05:00\"";
            return false;
        }

        if (ttl <= TimeSpan.Zero)
        {
            reason = $"'{text}' is not positive; a cached value needs a time to live above zero";
            return false;
        }

        reason = string.Empty;
        return true;
    }
}
