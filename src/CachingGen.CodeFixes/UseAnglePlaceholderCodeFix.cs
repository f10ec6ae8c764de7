namespace CachingGen.CodeFixes;

/// <summary>CG0002 for <c>{id}</c> in a key template: rewrites it as the placeholder <c>&lt;id&gt;</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseAnglePlaceholderCodeFix)), Shared]
public sealed class UseAnglePlaceholderCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MalformedTemplate);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => TextReplacement.FixAll(Change);

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context) => TextReplacement.RegisterAsync(context, Change, nameof(UseAnglePlaceholderCodeFix));

    /// <summary>
    /// The replacement the analyzer computed, only for a diagnostic that carries one (the other CG0002s have no
    /// single fix) and only when the source spells the braces plainly: text with escapes is left to the user.
    /// </summary>
    private static readonly System.Func<SourceText, Diagnostic, TextChange?> Change = TextReplacement.FromProperty(
        DiagnosticProperties.Replacement,
        (written, replacement) => written.Length > 2 && written[0] == '{' && written[written.Length - 1] == '}' ? replacement : null);
}
