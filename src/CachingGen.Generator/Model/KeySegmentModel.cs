namespace CachingGen.Generator.Model;

/// <summary>
/// One part of a parsed key template: literal text, or a placeholder compiled to the C# expression that reads
/// its value (for example <c>order?.Customer?.Id</c>) and the way to append it.
/// </summary>
/// <param name="Literal">Literal text, or null for a placeholder.</param>
/// <param name="Expression">Expression over the root parameter.</param>
/// <param name="Format">How the value is appended.</param>
/// <param name="FormatString">Format passed to <c>TryFormat</c> ("O" for dates…), or null.</param>
/// <param name="CanBeNull">Whether the expression can be null (needs a null branch).</param>
/// <param name="IsNullableValueType">Whether the expression is a <c>Nullable&lt;T&gt;</c>.</param>
internal sealed record KeySegmentModel(
    string? Literal,
    string Expression,
    ValueFormat Format,
    string? FormatString,
    bool CanBeNull,
    bool IsNullableValueType);
