using System;
using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using CachingGen.Keys;

namespace CachingGen;

/// <summary>
/// Builds a cache key into a caller-supplied buffer (usually <c>stackalloc</c>), growing into a pooled
/// array only for long keys. Generated key builders call it; application code rarely needs it directly.
/// </summary>
/// <remarks>
/// Placeholder values are formatted with the invariant culture and escaped so that no value can forge
/// another key: the escape character <c>\</c>, the separator <c>:</c> and the wildcard <c>*</c> inside a
/// value are prefixed with <c>\</c>, and <see langword="null"/> is written as <c>\0</c> (an empty string stays
/// empty). As long as every placeholder in a template is followed by <c>:</c> or ends the template, two
/// different argument lists never produce the same key.
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
    public void AppendString(string? value)
    {
        if (value is null)
        {
            AppendNull();
            return;
        }

        AppendEscaped(value);
    }

    /// <summary>Appends a character value, escaped.</summary>
    public void AppendChar(char value)
    {
        Span<char> one = [value];
        AppendEscaped(one);
    }

    /// <summary>Appends a Boolean as <c>true</c> or <c>false</c>.</summary>
    public void AppendBoolean(bool value) => AppendLiteral(value ? "true" : "false");

    /// <summary>
    /// Appends a value formatted with the invariant culture and <paramref name="format"/>, escaped.
    /// Generic so that value types are formatted without boxing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted<T>(T value, string? format = null)
        where T : ISpanFormattable
    {
        int written;
        while (!value.TryFormat(_chars[_length..], out written, format, CultureInfo.InvariantCulture))
        {
            Grow(Math.Max(32, _chars.Length));
        }

        var formatted = _chars.Slice(_length, written);
        if (formatted.ContainsAny(s_reserved))
        {
            // Rare (a DateTime's ':' or a custom type's text): escape through a copy.
            var copy = formatted.ToString();
            AppendEscaped(copy);
            return;
        }

        _length += written;
    }

    /// <summary>
    /// Appends any other value through its <see cref="IFormattable"/> (invariant culture) or
    /// <see cref="object.ToString"/> text, escaped; <see langword="null"/> becomes <see cref="NullToken"/>.
    /// </summary>
    public void AppendObject<T>(T value)
    {
        if (value is null)
        {
            AppendNull();
            return;
        }

        var text = value is IFormattable formattable
            ? formattable.ToString(null, CultureInfo.InvariantCulture)
            : value.ToString();
        AppendString(text);
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

    /// <summary>Escapes <paramref name="value"/> into the key (see the type remarks).</summary>
    private void AppendEscaped(scoped ReadOnlySpan<char> value)
    {
        // Worst case every character is escaped.
        if (value.Length * 2 > _chars.Length - _length)
        {
            Grow(value.Length * 2);
        }

        var remaining = value;
        while (true)
        {
            var next = remaining.IndexOfAny(s_reserved);
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
