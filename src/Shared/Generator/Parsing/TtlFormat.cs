using System.Globalization;

namespace CachingGen.Generator.Parsing;

/// <summary>
/// Writes a time span the way a TTL is written (<c>[d.]hh:mm:ss[.f]</c>) and the way a person says it ("1 hour 30
/// minutes"), for CG0003 messages, suggestions and code-fix titles. Culture-invariant: the analyzer runs in the IDE's
/// culture, and its messages must not depend on it.
/// </summary>
internal static class TtlFormat
{
    /// <summary><c>[d.]hh:mm:ss[.fffffff]</c> without trailing fraction zeros: "00:00:00.5", not "00:00:00.5000000".</summary>
    public static string Clock(TimeSpan span)
    {
        var clock = span.ToString(span.Days > 0 ? @"d\.hh\:mm\:ss" : @"hh\:mm\:ss", CultureInfo.InvariantCulture);
        var fraction = span.Ticks % TimeSpan.TicksPerSecond;
        return fraction == 0
            ? clock
            : clock + "." + fraction.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0');
    }

    /// <summary>"5 minutes", "1 day 2 hours", "500 milliseconds", "1.25 seconds".</summary>
    public static string Describe(TimeSpan span)
    {
        if (span.Ticks > 0 && span.Ticks < TimeSpan.TicksPerSecond && span.Ticks % TimeSpan.TicksPerMillisecond == 0)
        {
            return Count(span.Ticks / TimeSpan.TicksPerMillisecond, "millisecond");
        }

        var parts = new List<string>(4);
        if (span.Days != 0)
        {
            parts.Add(Count(span.Days, "day"));
        }

        if (span.Hours != 0)
        {
            parts.Add(Count(span.Hours, "hour"));
        }

        if (span.Minutes != 0)
        {
            parts.Add(Count(span.Minutes, "minute"));
        }

        var fraction = span.Ticks % TimeSpan.TicksPerSecond;
        if (fraction != 0)
        {
            var seconds = span.Seconds.ToString(CultureInfo.InvariantCulture) + "." + fraction.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0');
            parts.Add(seconds + " seconds");
        }
        else if (span.Seconds != 0 || parts.Count == 0)
        {
            parts.Add(Count(span.Seconds, "second"));
        }

        return string.Join(" ", parts);
    }

    private static string Count(long value, string unit)
        => value.ToString(CultureInfo.InvariantCulture) + " " + unit + (value == 1 ? string.Empty : "s");
}
