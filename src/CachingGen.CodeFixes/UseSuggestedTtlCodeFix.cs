using System;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using CachingGen.Generator.Diagnostics;
using CachingGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CachingGen.CodeFixes;

/// <summary>
/// CG0003: rewrites an invalid TTL as one of the spellings the analyzer suggests, one code action each:
/// <c>"5"</c> → <c>"5s"</c>, <c>"5m"</c>, <c>"5h"</c> or <c>"5d"</c>; <c>"00:05"</c> → <c>"00:05:00"</c> or <c>"00:00:05"</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseSuggestedTtlCodeFix)), Shared]
public sealed class UseSuggestedTtlCodeFix : CodeFixProvider
{
    private static readonly string[] Separator = [DiagnosticProperties.TtlSuggestionSeparator];

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.InvalidTtl);

    /// <inheritdoc />
    /// <remarks>
    /// The equivalence key is the suggested text, so a batch fix-all of <c>Use "5m"</c> rewrites every TTL that offers
    /// "5m" (each <c>"5"</c>, <c>"5 minutes"</c>) and leaves a <c>"30"</c>, which offers "30m" under another key, alone:
    /// no TTL is ever changed to a value that was not suggested for it.
    /// </remarks>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.TtlSuggestions, out var joined) || joined is null)
            {
                continue;
            }

            // Only a literal is rewritten: a TTL held in a constant is fixed where the constant is declared.
            var span = diagnostic.Location.SourceSpan;
            if (StringLiteral(root, span) is null)
            {
                continue;
            }

            foreach (var suggestion in joined.Split(Separator, StringSplitOptions.RemoveEmptyEntries))
            {
                var parsed = TtlParser.Parse(suggestion);
                if (!parsed.IsValid)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Use \"{suggestion}\" ({TtlFormat.Describe(parsed.Ttl)})",
                        cancellationToken => Apply(context.Document, span, suggestion, cancellationToken),
                        equivalenceKey: EquivalenceKey(suggestion)),
                    diagnostic);
            }
        }
    }

    /// <summary>The suggestion itself, named after this fix; see <see cref="GetFixAllProvider"/>.</summary>
    private static string EquivalenceKey(string suggestion) => nameof(UseSuggestedTtlCodeFix) + ":" + suggestion;

    private static LiteralExpressionSyntax? StringLiteral(SyntaxNode root, TextSpan span)
        => root.FindNode(span, getInnermostNodeForTie: true) is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal ? literal : null;

    private static async Task<Document> Apply(Document document, TextSpan span, string ttl, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || StringLiteral(root, span) is not { } literal)
        {
            return document;
        }

        // A regular literal whatever the user wrote (verbatim, raw): a valid TTL needs no escaping.
        var replacement = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(ttl)).WithTriviaFrom(literal);
        return document.WithSyntaxRoot(root.ReplaceNode(literal, replacement));
    }
}
