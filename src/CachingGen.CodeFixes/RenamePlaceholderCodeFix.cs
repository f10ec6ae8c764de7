using System.Composition;
using CachingGen.Keys;
using Microsoft.CodeAnalysis.Text;

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

    /// <summary>The rename for one diagnostic, or null when there is no suggestion or the placeholder is spelled with escapes in source.</summary>
    private static TextChange? Change(SourceText text, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Suggestion, out var suggestion) || suggestion is null)
        {
            return null;
        }

        var span = diagnostic.Location.SourceSpan;
        return Replacement(text.ToString(span), suggestion) is { } replacement ? new TextChange(span, replacement) : null;
    }

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
