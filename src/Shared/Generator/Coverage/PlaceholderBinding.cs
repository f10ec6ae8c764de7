namespace CachingGen.Generator.Coverage;

/// <summary>
/// Which of a writer's values can fill a read's key placeholders: a parameter of the same name (<c>userId</c>), or a
/// readable member of a parameter named like it (<c>balance.UserId</c>). Names compare without case. Used by CG0029 and
/// its code fix; shared as source with the code fixes.
/// </summary>
internal static class PlaceholderBinding
{
    /// <summary>The placeholders of <paramref name="template"/>, as written between '&lt;' and '&gt;'.</summary>
    public static List<string> Placeholders(string template)
    {
        var found = new List<string>();
        for (var open = template.IndexOf('<'); open >= 0; open = template.IndexOf('<', open + 1))
        {
            var close = template.IndexOf('>', open);
            if (close < 0)
            {
                break;
            }

            found.Add(template.Substring(open + 1, close - open - 1));
        }

        return found;
    }

    /// <summary>
    /// The writer's expression for <paramref name="placeholder"/> (<c>userId</c>, <c>balance.UserId</c>), or null. With
    /// <paramref name="template"/>, the word before the placeholder qualifies its name too: <c>order:&lt;id&gt;</c> binds
    /// a parameter <c>orderId</c>.
    /// </summary>
    public static string? Bind(IMethodSymbol writer, string placeholder, string? template = null)
    {
        var name = placeholder.Split('.').Last();
        var qualified = template is null ? null : WordBefore(template, placeholder) + name;
        var direct = writer.Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? writer.Parameters.FirstOrDefault(p => string.Equals(p.Name, qualified, StringComparison.OrdinalIgnoreCase));
        if (direct is not null)
        {
            return direct.Name;
        }

        foreach (var parameter in writer.Parameters)
        {
            var member = parameter.Type.GetMembers().FirstOrDefault(m => !m.IsStatic && m.DeclaredAccessibility == Accessibility.Public
                && m is IPropertySymbol or IFieldSymbol && string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
            if (member is not null)
            {
                return parameter.Name + "." + member.Name;
            }
        }

        return null;
    }

    public static bool CanNameAll(IMethodSymbol writer, string template) => Placeholders(template).All(p => Bind(writer, p, template) is not null);

    /// <summary>
    /// The same test on names only (the generator's models hold no symbols): <paramref name="names"/> are the writer's
    /// parameters and <c>parameter.Member</c> for their public members.
    /// </summary>
    public static bool CanNameAll(IReadOnlyList<string> names, string template)
        => Placeholders(template).All(p =>
        {
            var name = p.Split('.').Last();
            var qualified = WordBefore(template, p) + name;
            return names.Any(n => string.Equals(n.Split('.').Last(), name, StringComparison.OrdinalIgnoreCase) || string.Equals(n, qualified, StringComparison.OrdinalIgnoreCase));
        });

    /// <summary>The placeholder's name qualified by the word before it: <c>orderid</c> for <c>order:&lt;id&gt;</c>.</summary>
    public static string Qualified(string template, string placeholder) => WordBefore(template, placeholder) + placeholder.Split('.').Last();

    /// <summary>The letters right before <c>:&lt;placeholder&gt;</c> in <paramref name="template"/> (<c>order</c> in <c>order:&lt;id&gt;</c>).</summary>
    private static string WordBefore(string template, string placeholder)
    {
        var at = template.IndexOf("<" + placeholder + ">", StringComparison.Ordinal);
        var end = at > 0 && template[at - 1] == ':' ? at - 1 : at;
        var start = end;
        while (start > 0 && char.IsLetterOrDigit(template[start - 1]))
        {
            start--;
        }

        return template.Substring(start, end - start);
    }
}
