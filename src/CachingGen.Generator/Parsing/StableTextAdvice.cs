namespace CachingGen.Generator.Parsing;

/// <summary>
/// CG0013's remedy: what to key on instead of a value without stable text. A member path is suggested only when
/// the type has a member that would work; a collection has none worth naming (<c>&lt;ids.Id&gt;</c> on an
/// <c>int[]</c> would be a second mistake), so the advice there is to pass a scalar or a value with stable text.
/// </summary>
internal static class StableTextAdvice
{
    public static string Remedy(ITypeSymbol type, string placeholder)
    {
        if (type.TypeKind == TypeKind.Array || IsCollection(type))
        {
            return "A key cannot hold a collection: key on a scalar parameter (one call per item), or pass a value whose ToString() is stable, such as a string built from the items.";
        }

        if (type.TypeKind == TypeKind.Delegate)
        {
            return "A delegate cannot be part of a key: pass the data it stands for.";
        }

        var member = StableMember(type);
        var onMember = member is null ? null : $"key on a member with stable text, such as <{placeholder}.{member}>";
        var canOverride = type.TypeKind is TypeKind.Class or TypeKind.Struct && type.SpecialType != SpecialType.System_Object;
        return (onMember, canOverride) switch
        {
            (not null, true) => $"Either {onMember}, or override ToString() (a record does) so that it writes every value the result depends on.",
            (not null, false) => Capitalize(onMember) + ".",
            (null, true) => "Override ToString() (a record does) so that it writes every value the result depends on, or key on a parameter with stable text.",
            _ => "Key on a parameter whose type has stable text (a number, string, Guid, enum or record).",
        };
    }

    private static bool IsCollection(ITypeSymbol type)
        => type.SpecialType != SpecialType.System_String
            && (TypeNames.Is(type.OriginalDefinition, "System.Collections", "IEnumerable")
                || type.OriginalDefinition.AllInterfaces.Any(i => TypeNames.Is(i.OriginalDefinition, "System.Collections", "IEnumerable")));

    /// <summary>A public instance property or field with stable text: <c>Id</c> first, then one ending in <c>Id</c>, then the first.</summary>
    private static string? StableMember(ITypeSymbol type)
    {
        var candidates = type.GetMembers()
            .Concat(type.TypeKind == TypeKind.Interface ? type.AllInterfaces.SelectMany(i => i.GetMembers()) : Enumerable.Empty<ISymbol>())
            .Where(m => !m.IsStatic && m.DeclaredAccessibility == Accessibility.Public)
            .Select(m => m switch
            {
                IPropertySymbol { IsIndexer: false, GetMethod: not null } p => (m.Name, Type: p.Type),
                IFieldSymbol f when !f.IsImplicitlyDeclared => (m.Name, Type: f.Type),
                _ => (m.Name, Type: (ITypeSymbol?)null),
            })
            .Where(c => c.Type is not null && HasStableText(c.Type))
            .Select(c => c.Name)
            .ToList();
        return candidates.FirstOrDefault(n => n == "Id")
            ?? candidates.FirstOrDefault(n => n.EndsWith("Id", StringComparison.Ordinal))
            ?? candidates.FirstOrDefault();
    }

    private static bool HasStableText(ITypeSymbol type)
        => type.SpecialType is >= SpecialType.System_Boolean and <= SpecialType.System_String
            || type.TypeKind == TypeKind.Enum
            || type.AllInterfaces.Any(i => TypeNames.Is(i, "System", "IFormattable"));

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text.Substring(1);
}
