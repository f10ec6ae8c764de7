namespace CachingGen.Generator.Sql;

/// <summary>A word (keyword or identifier, possibly quoted) or a punctuation character of a SQL text.</summary>
internal readonly struct SqlToken(string text, bool isWord, char quote, bool isParameter = false)
{
    public string Text { get; } = text;

    public bool IsWord { get; } = isWord;

    /// <summary>The opening quote of a quoted name ('"', '`', '['), or '\0'.</summary>
    public char Quote { get; } = quote;

    public bool Quoted => Quote != '\0';

    /// <summary>A named parameter (<c>@id</c>, <c>:id</c>; <see cref="Text"/> without its prefix), kept only when asked for (<see cref="SqlTokenizer.Tokenize"/>).</summary>
    public bool IsParameter { get; } = isParameter;

    public string Upper => Text.ToUpperInvariant();

    public bool Is(string keyword) => IsWord && !Quoted && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The name as a table or column: a double-quoted name keeps its case in PostgreSQL (which folds the others to
    /// lower case); every other name, and every name of another or an unknown dialect, compares lower-case.
    /// </summary>
    public string Name(SqlDialect dialect) => Quote == '"' && dialect == SqlDialect.PostgreSql ? Text : Text.ToLowerInvariant();
}
