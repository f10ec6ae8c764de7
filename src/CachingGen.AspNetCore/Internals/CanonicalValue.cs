using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;

namespace CachingGen.AspNetCore.Internals;

/// <summary>
/// An operator's value read with the placeholder's type and written as the generated key builders write that type
/// (invariant culture; "R" for floating point, "O" for dates, "c" for <see cref="TimeSpan"/>, "D" for <see cref="Guid"/>).
/// Only text the type writes itself is accepted: "01", " 1", "1*" or "" can never be the key of an <c>int</c>, so an
/// invalidation given them would answer success and remove nothing.
/// </summary>
internal static class CanonicalValue
{
    /// <summary>The longest value accepted: a key longer than this is not one an application builds by mistake.</summary>
    public const int MaxLength = 512;

    /// <summary>The value as keys hold it, or null with <paramref name="error"/> saying what to write instead.</summary>
    public static string? Write(string path, string value, Type? type, out string? error)
    {
        error = null;
        if (value.Length > MaxLength)
        {
            error = $"the value of <{path}> has {value.Length:N0} characters; at most {MaxLength} are accepted";
            return null;
        }

        var valueType = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (valueType is null || valueType == typeof(string) || valueType == typeof(object))
        {
            return value;
        }

        var name = valueType.Name;
        if (valueType == typeof(char))
        {
            return value.Length == 1 ? value : Refuse(path, value, name, written: null, out error);
        }

        if (valueType == typeof(bool))
        {
            return value is "true" or "false" ? value : Refuse(path, value, name, value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase) ? value.ToLowerInvariant() : null, out error);
        }

        if (valueType.IsEnum)
        {
            var written = Enum.TryParse(valueType, value, ignoreCase: false, out var member) ? member!.ToString() : null;
            return written == value ? value : Refuse(path, value, name, written, out error);
        }

        var parsed = Parse(valueType, value);
        if (parsed is IFormattable formattable)
        {
            var written = formattable.ToString(Format(valueType), CultureInfo.InvariantCulture);
            return written == value ? value : Refuse(path, value, name, written, out error);
        }

        // A type without TryParse (keys through ToString): its text cannot be checked, it is taken as written.
        return HasTryParse(valueType) ? Refuse(path, value, name, written: null, out error) : value;
    }

    /// <summary>Whether a JSON null may stand for a value of <paramref name="type"/> (a reference or a <see cref="Nullable{T}"/>).</summary>
    public static bool AcceptsNull(Type? type) => type is null || !type.IsValueType || Nullable.GetUnderlyingType(type) is not null;

    private static string? Refuse(string path, string value, string type, string? written, out string? error)
    {
        var shown = value.Length > 40 ? value[..40] + "…" : value;
        error = written is null
            ? $"\"{shown}\" is not a {type}, the type of <{path}>"
            : $"\"{shown}\" is not how keys write the {type} <{path}>: write \"{written}\"";
        return null;
    }

    /// <summary>The format the generator chooses for a type (KeyTemplateBinder.ChooseFormat): null is the type's default.</summary>
    private static string? Format(Type type)
        => type == typeof(double) || type == typeof(float) ? "R"
            : type == typeof(DateTime) || type == typeof(DateTimeOffset) ? "O"
            : type == typeof(TimeSpan) ? "c"
            : type == typeof(Guid) ? "D"
            : null;

    private static object? Parse(Type type, string value)
    {
        var tryParse = TryParseMethod(type);
        if (tryParse is null)
        {
            return null;
        }

        var arguments = new object?[] { value, CultureInfo.InvariantCulture, null };
        return tryParse.Invoke(null, arguments) is true ? arguments[2] : null;
    }

    private static bool HasTryParse(Type type) => TryParseMethod(type) is not null;

    /// <summary><c>static bool TryParse(string, IFormatProvider, out T)</c>: <see cref="IParsable{TSelf}"/>'s, which every BCL value type has.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Best effort: in a trimmed app whose parse method was removed the value is taken as text (escaped, bounded), as before types were checked.")]
    private static MethodInfo? TryParseMethod(Type type)
        => type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), type.MakeByRefType()]);
}
