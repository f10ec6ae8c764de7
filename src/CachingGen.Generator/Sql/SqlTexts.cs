namespace CachingGen.Generator.Sql;

/// <summary>
/// Every text an expression can hold (a choice gives several), or the parameter it comes from (SQL handed to a helper),
/// or neither: unknown, with the reason.
/// </summary>
internal sealed class SqlTexts
{
    /// <summary>More texts than this (choices multiplied by choices) is unknown rather than slow.</summary>
    public const int Limit = 32;

    private SqlTexts(IReadOnlyList<string>? texts, string? parameter, string? reason)
    {
        Texts = texts;
        Parameter = parameter;
        Reason = reason;
    }

    public IReadOnlyList<string>? Texts { get; }

    public string? Parameter { get; }

    public string? Reason { get; }

    public static SqlTexts Of(params string[] texts) => new(texts, null, null);

    public static SqlTexts FromParameter(string name) => new(null, name, $"its SQL comes from the parameter '{name}', so its tables cannot be read");

    public static SqlTexts Unknown(string reason) => new(null, null, reason);

    /// <summary>Either's texts (a choice); unknown when one is.</summary>
    public static SqlTexts Union(SqlTexts a, SqlTexts b)
        => a.Texts is null ? AsUnknown(a) : b.Texts is null ? AsUnknown(b) : Capped(a.Texts.Concat(b.Texts).Distinct().ToList());

    /// <summary>Each text of <paramref name="a"/> followed by each of <paramref name="b"/>; unknown when one is.</summary>
    public static SqlTexts Concat(SqlTexts a, SqlTexts b)
        => a.Texts is null ? AsUnknown(a) : b.Texts is null ? AsUnknown(b) : Capped(a.Texts.SelectMany(x => b.Texts.Select(y => x + y)).Distinct().ToList());

    // Text mixed with a parameter is not the parameter's text: unknown, never "nothing".
    private static SqlTexts AsUnknown(SqlTexts texts) => texts.Parameter is null ? texts : Unknown($"its SQL is not a constant string: it mixes constant text with the parameter '{texts.Parameter}'");

    private static SqlTexts Capped(List<string> texts) => texts.Count <= Limit ? new SqlTexts(texts, null, null) : Unknown($"it can hold more than {Limit} different texts");
}
