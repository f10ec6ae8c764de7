namespace CachingGen.Generator.Parsing;

/// <summary>
/// What <see cref="TtlParser.Parse"/> made of a TTL: the time span, or why the text is not a TTL and the spellings it
/// most likely meant (for the CG0003 message and its code fix).
/// </summary>
internal sealed class TtlParseResult
{
    private TtlParseResult(TimeSpan ttl, string reason, ImmutableArray<string> suggestions)
    {
        Ttl = ttl;
        Reason = reason;
        Suggestions = suggestions;
    }

    /// <summary>Whether the text is a TTL; <see cref="Ttl"/> is then above zero.</summary>
    public bool IsValid => Reason.Length == 0;

    /// <summary>The time to live; zero when the text is invalid.</summary>
    public TimeSpan Ttl { get; }

    /// <summary>Why the text is invalid and what to write instead; empty when it is valid.</summary>
    public string Reason { get; }

    /// <summary>Valid spellings the text most likely meant, most likely first; empty when none is obvious.</summary>
    public ImmutableArray<string> Suggestions { get; }

    public static TtlParseResult Valid(TimeSpan ttl) => new(ttl, string.Empty, ImmutableArray<string>.Empty);

    public static TtlParseResult Invalid(string reason, params string[] suggestions)
        => new(TimeSpan.Zero, reason, ImmutableArray.Create(suggestions));
}
