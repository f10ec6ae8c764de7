using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CachingGen.Generator.Analyzers;
using CachingGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.CodeFixes;

/// <summary>
/// CG0029: adds to the writer the <c>[Invalidates]</c> of the read it misses, with each placeholder bound to one of the
/// writer's parameters or their members where the names line up (<c>userId</c>, <c>balance.UserId</c>). Where one cannot be
/// bound, it offers the prefix of the template before that placeholder instead (<c>balance:user:*</c>), which removes
/// more keys than needed but never too few.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddInvalidatesCodeFix)), Shared]
public sealed class AddInvalidatesCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.WriteNotInvalidating);

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.ReadTemplate, out var template) || template is null
                || root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault() is not { } declaration
                || model.GetDeclaredSymbol(declaration, context.CancellationToken) is not IMethodSymbol writer)
            {
                continue;
            }

            var (bound, prefix) = Rewrite(template, writer);
            var fixedTemplate = bound ?? prefix;
            if (fixedTemplate is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Add [Invalidates(\"{fixedTemplate}\")]",
                    cancellationToken => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(declaration, WithAttribute(declaration, fixedTemplate)))),
                    equivalenceKey: nameof(AddInvalidatesCodeFix) + ":" + fixedTemplate),
                diagnostic);
        }
    }

    /// <summary>The template with every placeholder bound to the writer's values, or else its prefix before the first that cannot be.</summary>
    private static (string? Bound, string? Prefix) Rewrite(string template, IMethodSymbol writer)
    {
        var result = new System.Text.StringBuilder();
        var position = 0;
        foreach (var placeholder in PlaceholderBinding.Placeholders(template))
        {
            var open = template.IndexOf('<' + placeholder + '>', position, System.StringComparison.Ordinal);
            var literal = template.Substring(position, open - position);
            result.Append(literal);
            var expression = PlaceholderBinding.Bind(writer, placeholder, template);
            if (expression is null)
            {
                // A prefix must end at a separator: "balance:user:" + "*".
                var head = result.ToString();
                return (null, head.EndsWith(":", System.StringComparison.Ordinal) && head.Length > 1 ? head + "*" : null);
            }

            result.Append('<').Append(expression).Append('>');
            position = open + placeholder.Length + 2;
        }

        result.Append(template.Substring(position));
        return (result.ToString(), null);
    }

    private static MethodDeclarationSyntax WithAttribute(MethodDeclarationSyntax declaration, string template)
    {
        var attribute = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
            SyntaxFactory.Attribute(SyntaxFactory.IdentifierName("Invalidates"), SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(
                SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(template))))))));
        var indentation = declaration.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
        if (declaration.AttributeLists.Count > 0)
        {
            var last = declaration.AttributeLists.Last();
            return declaration.WithAttributeLists(declaration.AttributeLists.Add(attribute.WithLeadingTrivia(indentation).WithTrailingTrivia(last.GetTrailingTrivia())));
        }

        // Before the modifiers: the attribute takes the method's leading trivia, the method starts on the next line.
        var leading = declaration.GetLeadingTrivia();
        return declaration
            .WithoutLeadingTrivia()
            .WithAttributeLists(SyntaxFactory.SingletonList(attribute.WithLeadingTrivia(leading).WithTrailingTrivia(SyntaxFactory.EndOfLine("\n"))))
            .WithModifiers(declaration.Modifiers.Count > 0 ? declaration.Modifiers.Replace(declaration.Modifiers[0], declaration.Modifiers[0].WithLeadingTrivia(indentation)) : declaration.Modifiers);
    }
}
