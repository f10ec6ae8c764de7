using CachingGen.Generator.Parsing;
using CachingGen.Generator.Sql;
using CachingGen.Keys;

namespace CachingGen.Generator.Coverage;

/// <summary>
/// A cached read's key placeholders matched with its SQL's WHERE bindings (<see cref="SqlBinding"/>, already named by the
/// method's parameters): a simple placeholder (<c>&lt;userId&gt;</c>, no member path) names the parameter a binding
/// holds. Nothing binds when some of the method's SQL is unknown or it states its reads with <c>[ReadsTable]</c>: its
/// tables (and so the rows its result depends on) are then not all seen.
/// </summary>
internal static class KeyBindings
{
    /// <summary>The parameter's type with C# keywords and nullable annotations, without <c>global::</c>.</summary>
    private static readonly SymbolDisplayFormat TypeFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static EquatableArray<KeyBinding> Of(IMethodSymbol method, string? template, SqlTableSet? sql)
    {
        if (sql is not { Unknown: null, Bindings.Count: > 0 } || template is null || !KeyTemplateParser.TryParse(template, out var tokens, out _)
            || method.GetAttributes().Any(a => TypeNames.Is(a.AttributeClass, "CachingGen", "ReadsTableAttribute")))
        {
            return default;
        }

        return tokens
            .Where(t => t.IsPlaceholder && t.Text.IndexOf(KeyGrammar.MemberSeparator) < 0)
            .Select(t => (Placeholder: t.Text, Parameter: method.Parameters.FirstOrDefault(p => p.Name == t.Text)))
            .Where(p => p.Parameter is not null)
            .SelectMany(p => sql.Bindings.Where(b => b.Parameter == p.Parameter!.Name).Select(b => new KeyBinding(p.Placeholder, b.Table, b.Column, p.Parameter!.Type.ToDisplayString(TypeFormat))))
            .Distinct()
            .OrderBy(b => b.Placeholder, StringComparer.Ordinal).ThenBy(b => b.Table, StringComparer.Ordinal).ThenBy(b => b.Column, StringComparer.Ordinal)
            .ToEquatableArray();
    }
}
