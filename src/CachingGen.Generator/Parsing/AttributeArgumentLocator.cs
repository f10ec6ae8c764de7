using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CachingGen.Generator.Parsing;

/// <summary>
/// Finds where an attribute argument is written, down to a character range inside its string literal, so a
/// diagnostic can underline the bad placeholder rather than the whole attribute. Only used when reporting.
/// </summary>
internal static class AttributeArgumentLocator
{
    /// <summary>The location of the constructor argument <paramref name="parameterName"/> (at <paramref name="position"/> when positional).</summary>
    public static Location Argument(AttributeData attribute, string parameterName, int position, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
        {
            return Location.None;
        }

        var expression = FindArgument(syntax, parameterName, position);
        return (expression ?? (SyntaxNode)syntax).GetLocation();
    }

    /// <summary>The value of the named property argument <paramref name="propertyName"/> (<c>Name = value</c>); the attribute when absent.</summary>
    public static Location Named(AttributeData attribute, string propertyName, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
        {
            return Location.None;
        }

        if (syntax.ArgumentList is not null)
        {
            // The last assignment wins, as it does in the compiled attribute.
            for (var i = syntax.ArgumentList.Arguments.Count - 1; i >= 0; i--)
            {
                var argument = syntax.ArgumentList.Arguments[i];
                if (argument.NameEquals?.Name.Identifier.ValueText == propertyName)
                {
                    return argument.Expression.GetLocation();
                }
            }
        }

        return syntax.GetLocation();
    }

    /// <summary>The location of characters [start, start+length) of the string value of that argument.</summary>
    public static Location InsideString(AttributeData attribute, string parameterName, int position, int start, int length, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
        {
            return Location.None;
        }

        var expression = FindArgument(syntax, parameterName, position);
        if (expression is null)
        {
            return syntax.GetLocation();
        }

        if (expression is LiteralExpressionSyntax literal && TryGetContentOffset(literal.Token, out var offset))
        {
            var span = new TextSpan(literal.Token.SpanStart + offset + start, length);
            return Location.Create(syntax.SyntaxTree, span);
        }

        // A constant or an escaped literal: the value's characters do not map one to one onto the source.
        return expression.GetLocation();
    }

    private static ExpressionSyntax? FindArgument(AttributeSyntax syntax, string parameterName, int position)
    {
        if (syntax.ArgumentList is null)
        {
            return null;
        }

        var index = 0;
        foreach (var argument in syntax.ArgumentList.Arguments)
        {
            if (argument.NameEquals is not null)
            {
                continue;
            }

            if (argument.NameColon is not null)
            {
                if (argument.NameColon.Name.Identifier.ValueText == parameterName)
                {
                    return argument.Expression;
                }
            }
            else if (index == position)
            {
                return argument.Expression;
            }

            index++;
        }

        return null;
    }

    private static bool TryGetContentOffset(SyntaxToken token, out int offset)
    {
        offset = 0;
        var text = token.Text;
        var value = token.ValueText;
        switch (token.Kind())
        {
            case SyntaxKind.StringLiteralToken when text.StartsWith("@\"", System.StringComparison.Ordinal):
                offset = 2;
                return text.Length - 3 == value.Length;
            case SyntaxKind.StringLiteralToken:
                offset = 1;
                return text.Length - 2 == value.Length;
            case SyntaxKind.SingleLineRawStringLiteralToken:
                var quotes = 0;
                while (quotes < text.Length && text[quotes] == '"')
                {
                    quotes++;
                }

                offset = quotes;
                return text.Length - (2 * quotes) == value.Length;
            default:
                return false;
        }
    }
}
