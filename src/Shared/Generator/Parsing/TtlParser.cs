using System.Globalization;

namespace CachingGen.Generator.Parsing;

/// <summary>
/// Parses a TTL. Exactly two grammars are accepted, both readable without knowing <see cref="TimeSpan"/>'s parsing
/// rules: a whole number with a unit (<c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>, <c>1d</c>) and the clock form
/// <c>[d.]hh:mm:ss[.fffffff]</c> with two digits each for hours, minutes and seconds. Everything else is an error
/// that says how it would otherwise have been read: <c>TimeSpan.ParseExact(.., "c")</c> reads "5" as five days
/// and "00:05" as five minutes, which is how those typos used to compile silently.
/// Shared as source with the code fixes, which parse the suggestions to title them.
/// </summary>
internal static partial class TtlParser
{
    private const string Accepted = "write a whole number with a unit (\"500ms\", \"30s\", \"5m\", \"1h\", \"1d\") or [d.]hh:mm:ss (\"00:05:00\", \"1.00:00:00\")";

    /// <summary>The units, largest last; the order matters when a fraction is rewritten in a smaller unit.</summary>
    private static readonly (string Symbol, long Ticks, string Name)[] Units =
    [
        ("ms", TimeSpan.TicksPerMillisecond, "milliseconds"),
        ("s", TimeSpan.TicksPerSecond, "seconds"),
        ("m", TimeSpan.TicksPerMinute, "minutes"),
        ("h", TimeSpan.TicksPerHour, "hours"),
        ("d", TimeSpan.TicksPerDay, "days"),
    ];

    /// <summary>Words people write for a unit; each is an error whose fix is the symbol.</summary>
    private static readonly Dictionary<string, string> UnitWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["msec"] = "ms", ["msecs"] = "ms", ["millisecond"] = "ms", ["milliseconds"] = "ms",
        ["sec"] = "s", ["secs"] = "s", ["second"] = "s", ["seconds"] = "s",
        ["min"] = "m", ["mins"] = "m", ["minute"] = "m", ["minutes"] = "m",
        ["hr"] = "h", ["hrs"] = "h", ["hour"] = "h", ["hours"] = "h",
        ["day"] = "d", ["days"] = "d",
    };

    public static TtlParseResult Parse(string? text)
    {
        if (text is null)
        {
            return TtlParseResult.Invalid("the TTL is not a constant string; " + Accepted);
        }

        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return TtlParseResult.Invalid("the TTL is empty; " + Accepted);
        }

        if (trimmed.Length != text.Length)
        {
            var inner = Parse(trimmed);
            return inner.IsValid ? TtlParseResult.Invalid($"'{text}' has white space around it; write \"{trimmed}\"", trimmed) : inner;
        }

        if (text[0] == '-')
        {
            return TtlParseResult.Invalid($"'{text}' is negative; a cached value needs a time to live above zero: " + Accepted);
        }

        if (text.IndexOf(':') >= 0)
        {
            return ParseClock(text);
        }

        return IsDigit(text[0]) ? ParseUnitForm(text) : NotATtl(text);
    }

    /// <summary><c>5m</c>, and the near misses <c>5</c>, <c>5 m</c>, <c>5M</c>, <c>5 minutes</c>, <c>1.5h</c>.</summary>
    private static TtlParseResult ParseUnitForm(string text)
    {
        var end = SkipDigits(text, 0);
        var number = text.Substring(0, end);
        string? fraction = null;
        if (end < text.Length && text[end] == '.' && SkipDigits(text, end + 1) > end + 1)
        {
            var fractionEnd = SkipDigits(text, end + 1);
            fraction = text.Substring(end + 1, fractionEnd - end - 1);
            end = fractionEnd;
        }

        var unitStart = end;
        while (unitStart < text.Length && text[unitStart] == ' ')
        {
            unitStart++;
        }

        var unitText = text.Substring(unitStart);
        if (unitText.Length == 0)
        {
            return fraction is null ? BareNumber(text) : TtlParseResult.Invalid($"'{text}' has no unit; " + Accepted);
        }

        var symbol = UnitSymbol(unitText);
        if (symbol is null)
        {
            return TtlParseResult.Invalid($"'{text}' has an unknown unit '{unitText}'; " + Accepted);
        }

        var unit = Units.First(u => u.Symbol == symbol);
        // Compared before multiplying, so that no number of digits overflows the decimal.
        if (!decimal.TryParse(fraction is null ? number : number + "." + fraction, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || value > (decimal)TimeSpan.MaxValue.Ticks / unit.Ticks
            || value * unit.Ticks > TimeSpan.MaxValue.Ticks)
        {
            return TooLong(text);
        }

        var ticks = value * unit.Ticks;

        if (ticks == 0)
        {
            return Zero(text);
        }

        if (fraction is not null)
        {
            return Fractional(text, unit.Name, ticks, Units.TakeWhile(u => u.Symbol != symbol));
        }

        var fixedText = number + symbol;
        var span = TimeSpan.FromTicks((long)ticks);
        if (unitText == symbol && unitStart == end)
        {
            return TtlParseResult.Valid(span);
        }

        var problem = unitText == symbol ? "has a space before the unit"
            : string.Equals(unitText, symbol, StringComparison.OrdinalIgnoreCase) ? "has an upper-case unit; units are lower case (ms, s, m, h, d)"
            : $"has an unknown unit '{unitText}'; the units are ms, s, m, h and d, right after the number";
        return TtlParseResult.Invalid($"'{text}' {problem}: write \"{fixedText}\" ({TtlFormat.Describe(span)})", fixedText);
    }

    /// <summary>"5": TimeSpan reads a bare number as days, which is rarely what a TTL of "5" or "30" meant.</summary>
    private static TtlParseResult BareNumber(string text)
    {
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return TooLong(text);
        }

        if (number == 0)
        {
            return Zero(text);
        }

        var suggestions = Units.Where(u => u.Symbol != "ms" && number <= TimeSpan.MaxValue.Ticks / u.Ticks)
            .Select(u => number.ToString(CultureInfo.InvariantCulture) + u.Symbol)
            .ToArray();
        var asDays = number <= TimeSpan.MaxValue.Days ? $"; TimeSpan would read it as {TtlFormat.Describe(TimeSpan.FromTicks(number * TimeSpan.TicksPerDay))}" : string.Empty;
        var asClock = number <= TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerSecond ? $" (or \"{TtlFormat.Clock(TimeSpan.FromTicks(number * TimeSpan.TicksPerSecond))}\")" : string.Empty;
        return TtlParseResult.Invalid($"'{text}' has no unit{asDays}. Write {OneOf(suggestions)}{asClock}", suggestions);
    }

    /// <summary>"1.5h": a unit takes a whole number; the same span in a smaller unit, or as a clock, does not need a fraction.</summary>
    private static TtlParseResult Fractional(string text, string unitName, decimal ticks, IEnumerable<(string Symbol, long Ticks, string Name)> smallerUnits)
    {
        var problem = $"'{text}' is not a whole number of {unitName}; a unit takes a whole number";
        if (ticks != decimal.Truncate(ticks))
        {
            // Finer than a tick (100 ns): no spelling means the same.
            return TtlParseResult.Invalid(problem + ": " + Accepted);
        }

        var span = TimeSpan.FromTicks((long)ticks);
        var suggestions = new List<string>(2);
        foreach (var unit in smallerUnits.Reverse())
        {
            if (span.Ticks % unit.Ticks == 0)
            {
                suggestions.Add((span.Ticks / unit.Ticks).ToString(CultureInfo.InvariantCulture) + unit.Symbol);
                break;
            }
        }

        suggestions.Add(TtlFormat.Clock(span));
        return TtlParseResult.Invalid($"{problem}: write {OneOf(suggestions)} ({TtlFormat.Describe(span)})", [.. suggestions]);
    }

    private static TtlParseResult NotATtl(string text) => TtlParseResult.Invalid($"'{text}' is not a TTL; " + Accepted);

    private static TtlParseResult Zero(string text) => TtlParseResult.Invalid($"'{text}' is zero; a cached value needs a time to live above zero: " + Accepted);

    private static TtlParseResult TooLong(string text) => TtlParseResult.Invalid($"'{text}' is longer than a TimeSpan can hold ({TimeSpan.MaxValue.Days} days); " + Accepted);

    /// <summary>The unit symbol <paramref name="unitText"/> means, in any case or as a word ("M", "min", "minutes" → "m"); null when unknown.</summary>
    private static string? UnitSymbol(string unitText)
    {
        foreach (var unit in Units)
        {
            if (string.Equals(unit.Symbol, unitText, StringComparison.OrdinalIgnoreCase))
            {
                return unit.Symbol;
            }
        }

        return UnitWords.TryGetValue(unitText, out var symbol) ? symbol : null;
    }

    /// <summary>"\"5s\", \"5m\" or \"5h\"".</summary>
    private static string OneOf(IReadOnlyList<string> suggestions)
    {
        var quoted = suggestions.Select(s => "\"" + s + "\"").ToList();
        return quoted.Count == 1 ? quoted[0] : string.Join(", ", quoted.Take(quoted.Count - 1)) + " or " + quoted[quoted.Count - 1];
    }

    /// <summary>All ASCII digits, 1 to 9 of them (more cannot be a sensible TTL field, and 9 never overflow).</summary>
    private static bool TryNumber(string text, out long value)
    {
        value = 0;
        if (text.Length is 0 or > 9 || SkipDigits(text, 0) != text.Length)
        {
            return false;
        }

        value = long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    private static int SkipDigits(string text, int start)
    {
        while (start < text.Length && IsDigit(text[start]))
        {
            start++;
        }

        return start;
    }

    /// <summary>ASCII only: <see cref="char.IsDigit(char)"/> accepts other scripts' digits, which TimeSpan would not.</summary>
    private static bool IsDigit(char c) => c is >= '0' and <= '9';
}
