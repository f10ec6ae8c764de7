using System.Globalization;

namespace CachingGen.Tests.Keys;

public sealed class CacheKeyBuilderTests
{
    [Fact]
    public void Values_are_escaped_and_null_differs_from_empty()
    {
        Assert.Equal("a\\:b", Build((ref CacheKeyBuilder k) => k.AppendString("a:b")));
        Assert.Equal("\\*", Build((ref CacheKeyBuilder k) => k.AppendString("*")));
        Assert.Equal("\\\\", Build((ref CacheKeyBuilder k) => k.AppendString("\\")));
        Assert.Equal("\\0", Build((ref CacheKeyBuilder k) => k.AppendString(null)));
        Assert.Equal(string.Empty, Build((ref CacheKeyBuilder k) => k.AppendString(string.Empty)));
        Assert.Equal("\\\\0", Build((ref CacheKeyBuilder k) => k.AppendString("\\0")));
    }

    [Fact]
    public void Numbers_and_dates_use_the_invariant_culture_whatever_the_thread_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal("1234.5", Build((ref CacheKeyBuilder k) => k.AppendFormatted(1234.5m)));
            Assert.Equal("-0.25", Build((ref CacheKeyBuilder k) => k.AppendFormatted(-0.25d, "R")));
            Assert.Equal("2026-03-04T05\\:06\\:07.0000000+00\\:00", Build((ref CacheKeyBuilder k) => k.AppendFormatted(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero), "O")));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Integers_and_guids_skip_the_reserved_scan_but_still_escape_their_terminator()
    {
        // Their invariant text never holds a reserved character; a '-' terminator ("<a>-<b>") still meets a minus sign.
        Assert.Equal("-42", Build((ref CacheKeyBuilder k) => k.AppendFormatted(-42L)));
        Assert.Equal("\\-42", Build((ref CacheKeyBuilder k) => k.AppendFormatted(-42L, null, '-')));
        Assert.Equal("\\-7-8", Build((ref CacheKeyBuilder k) =>
        {
            k.AppendFormatted(-7, null, '-');
            k.AppendLiteral("-");
            k.AppendFormatted(8);
        }));
        var guid = new Guid("0f8fad5b-d9cb-469f-a165-70867728950e");
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", Build((ref CacheKeyBuilder k) => k.AppendFormatted(guid)));
        Assert.Equal("0f8fad5b\\-d9cb\\-469f\\-a165\\-70867728950e", Build((ref CacheKeyBuilder k) => k.AppendFormatted(guid, null, '-')));

        // A format can put a reserved character in an integer's text: then the value is scanned and escaped as before.
        Assert.Equal("1\\:2", Build((ref CacheKeyBuilder k) => k.AppendFormatted(12, "0':'0")));
    }

    [Fact]
    public void Long_keys_grow_past_the_stack_buffer()
    {
        var longValue = new string('x', 1_000) + ":" + new string('y', 1_000);

        var key = Build((ref CacheKeyBuilder k) =>
        {
            k.AppendLiteral("prefix:");
            k.AppendString(longValue);
            k.AppendFormatted(long.MaxValue);
        });

        Assert.Equal("prefix:" + longValue.Replace(":", "\\:", StringComparison.Ordinal) + long.MaxValue.ToString(CultureInfo.InvariantCulture), key);
    }

    [Fact]
    public void Objects_use_their_invariant_text()
    {
        // A record's text, with its braces escaped (a raw '}' could end a Redis cluster hash tag).
        Assert.Equal("Point \\{ X = 1.5 \\}", Build((ref CacheKeyBuilder k) => k.AppendObject(new Point(1.5m))));
        Assert.Equal("\\0", Build((ref CacheKeyBuilder k) => k.AppendObject<Point?>(null)));
        Assert.Equal("true", Build((ref CacheKeyBuilder k) => k.AppendBoolean(true)));
        Assert.Equal("\\:", Build((ref CacheKeyBuilder k) => k.AppendChar(':')));
    }

    private delegate void Append(ref CacheKeyBuilder builder);

    private static string Build(Append append)
    {
        var builder = new CacheKeyBuilder(stackalloc char[16]);
        append(ref builder);
        return builder.ToStringAndDispose();
    }

    private sealed record Point(decimal X);
}
