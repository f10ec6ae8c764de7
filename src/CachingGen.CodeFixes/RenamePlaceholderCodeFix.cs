namespace CachingGen.CodeFixes;

/// <summary>CG0001: renames an unknown placeholder to the parameter the analyzer suggests.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RenamePlaceholderCodeFix)), Shared]
public sealed class RenamePlaceholderCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnknownPlaceholder);

    /// <inheritdoc />
    /// <remarks>Not the batch fixer: it fixes nothing when the first diagnostic has no suggestion (see <see cref="TextReplacement"/>).</remarks>
    public override FixAllProvider GetFixAllProvider() => TextReplacement.FixAll(Change);

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context) => TextReplacement.RegisterAsync(context, Change, nameof(RenamePlaceholderCodeFix));

    /// <summary>The rename for one diagnostic: none without a suggestion or when the placeholder is spelled with escapes in source.</summary>
    private static readonly System.Func<SourceText, Diagnostic, TextChange?> Change = TextReplacement.FromProperty(DiagnosticProperties.Suggestion, Replacement);

    /// <summary><c>&lt;usrId.Name&gt;</c> with suggestion <c>userId</c> becomes <c>&lt;userId.Name&gt;</c>.</summary>
    private static string? Replacement(string placeholder, string suggestion)
    {
        if (placeholder.Length < 3 || placeholder[0] != KeyGrammar.PlaceholderOpen || placeholder[placeholder.Length - 1] != KeyGrammar.PlaceholderClose)
        {
            return null;
        }

        var path = placeholder.Substring(1, placeholder.Length - 2);
        var dot = path.IndexOf(KeyGrammar.MemberSeparator);
        return KeyGrammar.Placeholder(suggestion + (dot < 0 ? string.Empty : path.Substring(dot)));
    }
}
