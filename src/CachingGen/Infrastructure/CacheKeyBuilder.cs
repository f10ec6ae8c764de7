using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using CachingGen.Keys;

namespace CachingGen.Infrastructure;

/// <summary>
/// Builds a cache key into a caller-supplied buffer (usually <c>stackalloc</c>), growing into a pooled
/// array only for long keys. Generated key builders call it; application code rarely needs it directly.
/// </summary>
/// <remarks>
/// Placeholder values are formatted with the invariant culture and escaped so that no value can forge
/// another key: the escape character <c>\</c>, the separator <c>:</c>, the wildcard <c>*</c> and the character the
/// template puts right after the placeholder (its terminator, such as <c>-</c> in <c>&lt;a&gt;-&lt;b&gt;</c>) are prefixed
/// with <c>\</c> inside a value, and <see langword="null"/> is written as <c>\0</c> (an empty string stays empty).
/// The analyzer rejects templates in which a placeholder is followed by another placeholder, a letter, a digit or
/// <c>_</c> (CG0002), so a value always ends at its terminator's first unescaped occurrence and two different
/// argument lists of one template never produce the same key.
/// </remarks>
public ref struct CacheKeyBuilder
{
    /// <summary>The escape character used inside placeholder values.</summary>
    public const char EscapeChar = KeyGrammar.Escape;

    /// <summary>How a <see langword="null"/> placeholder value is written.</summary>
    public const string NullToken = KeyGrammar.NullToken;

    private static readonly SearchValues<char> s_reserved = SearchValues.Create(KeyGrammar.ReservedInValues);

    private char[]? _rented;
    private Span<char> _chars;
    private int _length;

    /// <summary>Starts a key in <paramref name="initialBuffer"/>.</summary>
    public CacheKeyBuilder(Span<char> initialBuffer)
    {
        _rented = null;
        _chars = initialBuffer;
        _length = 0;
    }

    /// <summary>Number of characters written so far.</summary>
    public readonly int Length => _length;

    /// <summary>The key built so far. Valid until the builder grows or is disposed.</summary>
    public readonly ReadOnlySpan<char> AsSpan() => _chars[.._length];

    /// <summary>Appends literal template text as is.</summary>
    public void AppendLiteral(string text)
    {
        if (text.Length > _chars.Length - _length)
        {
            Grow(text.Length);
        }

        text.CopyTo(_chars[_length..]);
        _length += text.Length;
    }

    /// <summary>Appends the token that stands for a <see langword="null"/> value.</summary>
    public void AppendNull() => AppendLiteral(NullToken);

    /// <summary>Appends a string value, escaped; <see langword="null"/> becomes <see cref="NullToken"/>.</summary>
    public void AppendString(string? value) => AppendString(value, KeyGrammar.Separator);

    /// <summary>
    /// Appends a string value, escaped, that the template follows with <paramref name="terminator"/>: that character is
    /// escaped in the value too, so the value cannot run into the text after it. <see langword="null"/> becomes <see cref="NullToken"/>.
    /// </summary>
    public void AppendString(string? value, char terminator)
    {
        if (value is null)
        {
            AppendNull();
            return;
        }

        AppendEscaped(value, terminator);
    }

    /// <summary>Appends a character value, escaped.</summary>
    public void AppendChar(char value) => AppendChar(value, KeyGrammar.Separator);

    /// <summary>Appends a character value, escaped, that the template follows with <paramref name="terminator"/>.</summary>
    public void AppendChar(char value, char terminator)
    {
        Span<char> one = [value];
        AppendEscaped(one, terminator);
    }

    /// <summary>Appends a Boolean as <c>true</c> or <c>false</c>.</summary>
    public void AppendBoolean(bool value) => AppendLiteral(value ? "true" : "false");

    /// <summary>Appends a value formatted with the invariant culture, escaped. Generic, so value types are not boxed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted<T>(T value)
        where T : ISpanFormattable
        => AppendFormatted(value, format: null, KeyGrammar.Separator);

    /// <summary>Appends a value formatted with the invariant culture and <paramref name="format"/>, escaped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted<T>(T value, string? format)
        where T : ISpanFormattable
        => AppendFormatted(value, format, KeyGrammar.Separator);

    /// <summary>
    /// Appends a value formatted with the invariant culture and <paramref name="format"/>, escaped, that the template
    /// follows with <paramref name="terminator"/> (escaped in the value too).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted<T>(T value, string? format, char terminator)
        where T : ISpanFormattable
    {
        int written;
        while (!value.TryFormat(_chars[_length..], out written, format, CultureInfo.InvariantCulture))
        {
            Grow(Math.Max(32, _chars.Length));
        }

        var formatted = _chars.Slice(_length, written);
        if ((!NeverReserved<T>(format) && formatted.ContainsAny(s_reserved)) || (terminator != KeyGrammar.Separator && formatted.Contains(terminator)))
        {
            // Rare (a DateTime's ':' or a custom type's text): escape through a copy.
            var copy = formatted.ToString();
            AppendEscaped(copy, terminator);
            return;
        }

        _length += written;
    }

    /// <summary>
    /// Appends any other value through its <see cref="IFormattable"/> (invariant culture) or
    /// <see cref="object.ToString"/> text, escaped; <see langword="null"/> becomes <see cref="NullToken"/>.
    /// </summary>
    public void AppendObject<T>(T value) => AppendObject(value, KeyGrammar.Separator);

    /// <summary>Like <see cref="AppendObject{T}(T)"/>, for a value the template follows with <paramref name="terminator"/>.</summary>
    public void AppendObject<T>(T value, char terminator)
    {
        if (value is null)
        {
            AppendNull();
            return;
        }

        var text = value is IFormattable formattable
            ? formattable.ToString(null, CultureInfo.InvariantCulture)
            : value.ToString();
        AppendString(text, terminator);
    }

    /// <summary>The key built so far, as a string. Does not release the buffer (the debugger calls it too).</summary>
    public override readonly string ToString() => AsSpan().ToString();

    /// <summary>Returns the key as a string and releases any pooled buffer; the builder is done afterwards.</summary>
    public string ToStringAndDispose()
    {
        var result = AsSpan().ToString();
        Dispose();
        return result;
    }

    /// <summary>Returns any pooled buffer. The builder must not be used afterwards.</summary>
    public void Dispose()
    {
        var toReturn = _rented;
        this = default;
        if (toReturn is not null)
        {
            ArrayPool<char>.Shared.Return(toReturn);
        }
    }

    /// <summary>
    /// Whether <typeparamref name="T"/>'s default invariant text can never hold a reserved character (digits, a minus sign,
    /// a GUID's hex and dashes), so the hit path skips the scan for one. A constant per value type once compiled.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool NeverReserved<T>(string? format)
        => format is null
            && (typeof(T) == typeof(int) || typeof(T) == typeof(long) || typeof(T) == typeof(short) || typeof(T) == typeof(byte)
                || typeof(T) == typeof(uint) || typeof(T) == typeof(ulong) || typeof(T) == typeof(ushort) || typeof(T) == typeof(sbyte)
                || typeof(T) == typeof(Guid));

    /// <summary>
    /// Escapes <paramref name="value"/> into the key: the reserved characters and <paramref name="terminator"/> (the
    /// character the template puts after this value) get <see cref="EscapeChar"/> before them.
    /// </summary>
    private void AppendEscaped(scoped ReadOnlySpan<char> value, char terminator)
    {
        // Worst case every character is escaped.
        if (value.Length * 2 > _chars.Length - _length)
        {
            Grow(value.Length * 2);
        }

        // The usual terminator, ':', is reserved anyway: then one scan per run.
        var escapesTerminator = !KeyGrammar.IsReservedInValue(terminator);
        var remaining = value;
        while (true)
        {
            var next = remaining.IndexOfAny(s_reserved);
            var other = escapesTerminator ? remaining.IndexOf(terminator) : -1;
            if (other >= 0 && (next < 0 || other < next))
            {
                next = other;
            }

            if (next < 0)
            {
                remaining.CopyTo(_chars[_length..]);
                _length += remaining.Length;
                return;
            }

            remaining[..next].CopyTo(_chars[_length..]);
            _length += next;
            _chars[_length++] = EscapeChar;
            _chars[_length++] = remaining[next];
            remaining = remaining[(next + 1)..];
        }
    }

    private void Grow(int additional)
    {
        var newSize = Math.Max(_chars.Length * 2, _length + additional);
        var newArray = ArrayPool<char>.Shared.Rent(newSize);
        _chars[.._length].CopyTo(newArray);
        var old = _rented;
        _rented = newArray;
        _chars = newArray;
        if (old is not null)
        {
            ArrayPool<char>.Shared.Return(old);
        }
    }
}
