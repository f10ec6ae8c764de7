namespace CachingGen.CodeFixes;

/// <summary>Adds an attribute with one string argument to a method, on a line of its own after its other attributes.</summary>
internal static class MethodAttributes
{
    public static MethodDeclarationSyntax WithAttribute(MethodDeclarationSyntax declaration, string name, string argument)
    {
        var attribute = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
            SyntaxFactory.Attribute(SyntaxFactory.IdentifierName(name), SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(
                SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(argument))))))));
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
