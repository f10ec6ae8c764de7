namespace CachingGen.Generator.Diagnostics;

/// <summary>
/// Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> the analyzer sets and the code fixes read.
/// Shared as source with the code-fix assembly, like <see cref="DiagnosticIds"/>, so both sides name them alike.
/// </summary>
internal static class DiagnosticProperties
{
    /// <summary>CG0011: the parameter missing from the key.</summary>
    public const string Parameter = nameof(Parameter);

    /// <summary>CG0001: the parameter name the placeholder most likely meant.</summary>
    public const string Suggestion = nameof(Suggestion);

    /// <summary>CG0002: the text that replaces the underlined text (<c>&lt;id&gt;</c> for <c>{id}</c>), when the fix is certain.</summary>
    public const string Replacement = nameof(Replacement);

    /// <summary>CG0003: the valid TTLs the text most likely meant, most likely first, joined by <see cref="TtlSuggestionSeparator"/>.</summary>
    public const string TtlSuggestions = nameof(TtlSuggestions);

    /// <summary>Joins <see cref="TtlSuggestions"/>; no valid TTL contains it.</summary>
    public const string TtlSuggestionSeparator = "|";

    /// <summary>CG0029: the key template of the cached read the write does not invalidate.</summary>
    public const string ReadTemplate = nameof(ReadTemplate);

    /// <summary>CG0029: the name of that read.</summary>
    public const string ReadMethod = nameof(ReadMethod);

    /// <summary>CG0032: the tables other methods of the class read or write, as <c>[ReadsTable]</c> writes them, joined by <see cref="TableSeparator"/>.</summary>
    public const string CandidateTables = nameof(CandidateTables);

    /// <summary>Joins <see cref="CandidateTables"/>; a table whose name holds it is not offered.</summary>
    public const string TableSeparator = "|";
}
