using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using CachingGen.Generator.Diagnostics;
using CachingGen.Keys;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace CachingGen.CodeFixes;

/// <summary>CG0001: renames an unknown placeholder to the parameter the analyzer suggests.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RenamePlaceholderCodeFix)), Shared]
public sealed class RenamePlaceholderCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnknownPlaceholder);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var text = await context.Document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Suggestion, out var suggestion) || suggestion is null)
            {
                continue;
            }

            var span = diagnostic.Location.SourceSpan;
            var replacement = Replacement(text.ToString(span), suggestion);
            if (replacement is null)
            {
                // The placeholder is spelled with escapes in source; editing it as text would be guesswork.
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Use '{replacement}'",
                    cancellationToken => Apply(context.Document, span, replacement, cancellationToken),
                    equivalenceKey: nameof(RenamePlaceholderCodeFix)),
                diagnostic);
        }
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

    private static async Task<Document> Apply(Document document, TextSpan span, string replacement, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        return document.WithText(text.WithChanges(new TextChange(span, replacement)));
    }
}
