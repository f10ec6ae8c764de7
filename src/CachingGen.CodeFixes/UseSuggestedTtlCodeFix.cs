using CachingGen.Generator.Parsing;

namespace CachingGen.CodeFixes;

/// <summary>
/// CG0003 and CG0026: rewrites an invalid TTL or policy duration as one of the spellings the analyzer suggests, one code action each:
/// <c>"5"</c> → <c>"5s"</c>, <c>"5m"</c>, <c>"5h"</c> or <c>"5d"</c>; <c>"00:05"</c> → <c>"00:05:00"</c> or <c>"00:00:05"</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseSuggestedTtlCodeFix)), Shared]
public sealed class UseSuggestedTtlCodeFix : CodeFixProvider
{
    /// <summary>The equivalence key of the fix of a TTL with a single suggestion.</summary>
    internal const string OnlySuggestionKey = ReadingKeyPrefix + "only";

    private const string ReadingKeyPrefix = nameof(UseSuggestedTtlCodeFix) + ":";

    private static readonly string[] Separator = [DiagnosticProperties.TtlSuggestionSeparator];

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.InvalidTtl, DiagnosticIds.InvalidPolicyValue);

    /// <inheritdoc />
    /// <remarks>
    /// A TTL with several readings ("5": seconds, minutes…) offers one action per reading, each with the suggestion
    /// in its equivalence key, so a fix-all of <c>Use "5m"</c> rewrites every TTL that offers "5m" and leaves a
    /// <c>"30"</c>, which offers "30m" under another key, alone: no TTL is ever changed to a value that was not
    /// suggested for it. A TTL with one reading ("5 minutes" → "5m") uses <see cref="OnlySuggestionKey"/>, whose
    /// fix-all rewrites every such TTL to its own suggestion and never picks between readings. <c>dotnet format</c>
    /// asks with the key of the first diagnostic's first action: <see cref="OnlySuggestionKey"/>, none (a TTL without a
    /// fix) or the group that holds the readings of an ambiguous TTL; all are read as <see cref="OnlySuggestionKey"/>
    /// (<see cref="IsReadingKey"/>), so the unambiguous TTLs are fixed whichever diagnostic comes first, and no other.
    /// </remarks>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (context, document, diagnostics) =>
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var key = context.CodeActionEquivalenceKey is { } requested && IsReadingKey(requested) ? requested : OnlySuggestionKey;
        var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
        foreach (var diagnostic in diagnostics)
        {
            var suggestions = Suggestions(diagnostic);
            var chosen = Array.Find(suggestions, s => EquivalenceKey(s, suggestions) == key);
            if (chosen is not null && StringLiteral(root, diagnostic.Location.SourceSpan) is { } literal)
            {
                replacements[literal] = Literal(chosen, literal);
            }
        }

        return document.WithSyntaxRoot(root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]));
    });

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
            // Only a literal is rewritten: a TTL held in a constant is fixed where the constant is declared.
            var span = diagnostic.Location.SourceSpan;
            if (StringLiteral(root, span) is null)
            {
                continue;
            }

            var suggestions = Suggestions(diagnostic);
            var actions = suggestions.Select(suggestion => CodeAction.Create(
                $"Use \"{suggestion}\" ({TtlFormat.Describe(TtlParser.Parse(suggestion).Ttl)})",
                cancellationToken => Apply(context.Document, span, suggestion, cancellationToken),
                equivalenceKey: EquivalenceKey(suggestion, suggestions))).ToImmutableArray();
            if (actions.Length == 1)
            {
                context.RegisterCodeFix(actions[0], diagnostic);
            }
            else if (actions.Length > 1)
            {
                // Grouped (shown inline): the group has no equivalence key, so a tool that fixes all with the key of
                // the first diagnostic's first action (dotnet format) never applies one reading of "5" everywhere.
                context.RegisterCodeFix(CodeAction.Create("Use one of the suggested durations", actions, isInlinable: true), diagnostic);
            }
        }
    }

    /// <summary>The diagnostic's suggestions, most likely first, that parse as valid TTLs.</summary>
    private static string[] Suggestions(Diagnostic diagnostic)
        => diagnostic.Properties.TryGetValue(DiagnosticProperties.TtlSuggestions, out var joined) && joined is not null
            ? Array.FindAll(joined.Split(Separator, StringSplitOptions.RemoveEmptyEntries), s => TtlParser.Parse(s).IsValid)
            : [];

    /// <summary>The suggestion itself, named after this fix, or <see cref="OnlySuggestionKey"/>; see <see cref="GetFixAllProvider"/>.</summary>
    private static string EquivalenceKey(string suggestion, string[] suggestions)
        => suggestions.Length == 1 ? OnlySuggestionKey : ReadingKeyPrefix + suggestion;

    /// <summary>
    /// Whether <paramref name="key"/> names one reading of an ambiguous TTL. Anything else — none, <see cref="OnlySuggestionKey"/>,
    /// or the key Roslyn makes for the group by joining its actions' keys — asks for the unambiguous fixes only.
    /// </summary>
    private static bool IsReadingKey(string? key)
        => key is not null && key.StartsWith(ReadingKeyPrefix, StringComparison.Ordinal) && key != OnlySuggestionKey
            && TtlParser.Parse(key.Substring(ReadingKeyPrefix.Length)).IsValid;

    private static LiteralExpressionSyntax? StringLiteral(SyntaxNode root, TextSpan span)
        => root.FindNode(span, getInnermostNodeForTie: true) is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal ? literal : null;

    private static async Task<Document> Apply(Document document, TextSpan span, string ttl, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is null || StringLiteral(root, span) is not { } literal
            ? document
            : document.WithSyntaxRoot(root.ReplaceNode(literal, Literal(ttl, literal)));
    }

    /// <summary>A regular literal whatever the user wrote (verbatim, raw): a valid TTL needs no escaping.</summary>
    private static LiteralExpressionSyntax Literal(string ttl, LiteralExpressionSyntax original)
        => SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(ttl)).WithTriviaFrom(original);
}
