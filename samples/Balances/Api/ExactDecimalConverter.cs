using System;
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Balances.Data;

namespace Balances.Api;

/// <summary>
/// Reads a JSON number into a <see cref="decimal"/> only when the decimal holds it exactly. System.Text.Json rounds a
/// literal with more digits than a decimal keeps (<c>1.00000000000000000000000000001</c> reads as 1), so a credit would
/// move a different amount than the client sent, in silence; here such a literal is a JSON error, which the API answers
/// with the field's rule.
/// </summary>
public sealed class ExactDecimalConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string text;
        if (reader.TokenType == JsonTokenType.Number)
        {
            text = Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray());
        }
        else if (reader.TokenType == JsonTokenType.String && (options.NumberHandling & JsonNumberHandling.AllowReadingFromString) != 0)
        {
            text = reader.GetString() ?? string.Empty;
        }
        else
        {
            throw new JsonException("a number is expected");
        }

        if (text.Length > 100 || !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
        {
            throw new JsonException("not a number a decimal holds");
        }

        if (FractionalDigits(text) > BalanceLimits.DecimalPlaces(value))
        {
            throw new JsonException("more digits than a decimal holds: it would be rounded");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value);
    }

    /// <summary>The decimal places a literal states (trailing zeros do not count; an exponent moves the point).</summary>
    private static int FractionalDigits(string text)
    {
        var exponentAt = text.IndexOfAny(['e', 'E']);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(text[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var fraction = point < 0 ? string.Empty : mantissa[(point + 1)..].TrimEnd('0');
        return Math.Max(0, fraction.Length - exponent);
    }
}
