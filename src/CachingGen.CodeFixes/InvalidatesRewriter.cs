using CachingGen.Generator.Coverage;

namespace CachingGen.CodeFixes;

/// <summary>
/// What CG0029's fix writes: the read's template with each placeholder bound to the writer's values (or the prefix
/// before the first that cannot be), as an <c>[Invalidates]</c> added to the writer; shared by the fix and its Fix All.
/// </summary>
internal static class InvalidatesRewriter
{
    /// <summary>The template with every placeholder bound to the writer's values, or else its prefix before the first that cannot be.</summary>
    public static string? FixedTemplate(string template, IMethodSymbol writer)
    {
        var (bound, prefix) = Rewrite(template, writer);
        return bound ?? prefix;
    }

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

    /// <summary>The method with one <c>[Invalidates]</c> per template added after its attributes, each on a line of its own.</summary>
    public static MethodDeclarationSyntax WithAttributes(MethodDeclarationSyntax declaration, IEnumerable<string> templates)
    {
        foreach (var template in templates)
        {
            declaration = MethodAttributes.WithAttribute(declaration, "Invalidates", template);
        }

        return declaration;
    }
}
