using System.Globalization;

namespace CachingGen.Generator.Parsing;

/// <summary>The clock form of a TTL (<c>[d.]hh:mm:ss</c>), as <see cref="TtlParser"/> reads it.</summary>
internal static partial class TtlParser
{
    /// <summary><c>[d.]hh:mm:ss[.fffffff]</c>, and the near misses <c>00:05</c>, <c>0:05:00</c>, <c>00:60:00</c>, <c>1:00:00:00</c>.</summary>
    private static TtlParseResult ParseClock(string text)
    {
        var parts = text.Split(':');
        if (parts.Length == 2)
        {
            return TwoParts(text, parts[0], parts[1]);
        }

        if (parts.Length is not (3 or 4))
        {
            return NotATtl(text);
        }

        // "1:00:00:00" is d:hh:mm:ss; TryNumber rejects a '.' left in any field ("1.2.00:00:00", "00:00:05.5.5").
        var daysSeparatedByColon = parts.Length == 4;
        var dot = parts[0].IndexOf('.');
        var days = daysSeparatedByColon ? parts[0] : dot < 0 ? "0" : parts[0].Substring(0, dot);
        var hours = daysSeparatedByColon ? parts[1] : dot < 0 ? parts[0] : parts[0].Substring(dot + 1);
        var minutes = parts[parts.Length - 2];
        var seconds = parts[parts.Length - 1];
        var fraction = string.Empty;
        dot = seconds.IndexOf('.');
        if (dot >= 0)
        {
            fraction = seconds.Substring(dot + 1);
            seconds = seconds.Substring(0, dot);
        }

        if (!TryNumber(days, out var d) || !TryNumber(hours, out var h) || !TryNumber(minutes, out var m) || !TryNumber(seconds, out var s)
            || (dot >= 0 && SkipDigits(fraction, 0) != fraction.Length) || (dot >= 0 && fraction.Length == 0))
        {
            return NotATtl(text);
        }

        if (fraction.Length > 7)
        {
            return TtlParseResult.Invalid($"'{text}' has {fraction.Length} fraction digits; a TTL has at most 7 (100 ns): " + Accepted);
        }

        var fractionTicks = fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(7, '0'), NumberStyles.None, CultureInfo.InvariantCulture);
        var ticks = (d * (decimal)TimeSpan.TicksPerDay) + (h * (decimal)TimeSpan.TicksPerHour) + (m * (decimal)TimeSpan.TicksPerMinute) + (s * (decimal)TimeSpan.TicksPerSecond) + fractionTicks;
        if (ticks > TimeSpan.MaxValue.Ticks)
        {
            return TooLong(text);
        }

        if (ticks == 0)
        {
            return Zero(text);
        }

        var span = TimeSpan.FromTicks((long)ticks);
        var problem = daysSeparatedByColon ? "separates the days with ':'; days end with '.'"
            : hours.Length != 2 || minutes.Length != 2 || seconds.Length != 2 ? "needs two digits each for hours, minutes and seconds"
            : h > 23 ? $"has {h} hours; hours go from 00 to 23"
            : m > 59 ? $"has {m} minutes; minutes go from 00 to 59"
            : s > 59 ? $"has {s} seconds; seconds go from 00 to 59"
            : null;
        if (problem is null)
        {
            return TtlParseResult.Valid(span);
        }

        var fixedText = TtlFormat.Clock(span);
        return TtlParseResult.Invalid($"'{text}' {problem}: write \"{fixedText}\" ({TtlFormat.Describe(span)})", fixedText);
    }

    /// <summary>"00:05": hh:mm to TimeSpan, but people write mm:ss as often. Offer both, hh:mm first, as TimeSpan read it.</summary>
    private static TtlParseResult TwoParts(string text, string first, string second)
    {
        if (first.Length > 2 || second.Length > 2 || !TryNumber(first, out var a) || !TryNumber(second, out var b) || b > 59 || a > 59)
        {
            return NotATtl(text);
        }

        var asMinutesSeconds = new TimeSpan(0, (int)a, (int)b);
        if (asMinutesSeconds == TimeSpan.Zero)
        {
            return Zero(text);
        }

        var minutesSecondsText = TtlFormat.Clock(asMinutesSeconds);
        var forMinutesSeconds = $"\"{minutesSecondsText}\" for {TtlFormat.Describe(asMinutesSeconds)}";
        if (a > 23)
        {
            return TtlParseResult.Invalid($"'{text}' has two parts; a TTL has three (hh:mm:ss): write {forMinutesSeconds}", minutesSecondsText);
        }

        var asHoursMinutes = new TimeSpan((int)a, (int)b, 0);
        var hoursMinutesText = TtlFormat.Clock(asHoursMinutes);
        var read = TtlFormat.Describe(asHoursMinutes);
        return TtlParseResult.Invalid(
            $"'{text}' is hh:mm to TimeSpan ({read}) but reads like mm:ss; write \"{hoursMinutesText}\" for {read} or {forMinutesSeconds}",
            hoursMinutesText,
            minutesSecondsText);
    }
}
