using System;

namespace CachingGen.Generator.Sql;

/// <summary>A word (keyword or identifier, possibly quoted) or a punctuation character of a SQL text.</summary>
internal readonly struct SqlToken
{
    public SqlToken(string text, bool isWord, bool quoted)
    {
        Text = text;
        IsWord = isWord;
        Quoted = quoted;
    }

    public string Text { get; }

    public bool IsWord { get; }

    public bool Quoted { get; }

    public string Upper => Text.ToUpperInvariant();

    /// <summary>The name as a table: quoted names keep their case, others compare lower-case (PostgreSQL folds them).</summary>
    public string Name => Quoted ? Text : Text.ToLowerInvariant();

    public bool Is(string keyword) => IsWord && !Quoted && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);
}
