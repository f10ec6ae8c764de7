using System.Collections.Immutable;
using System.Linq;
using CachingGen.Generator.Model;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Pipelines;

/// <summary>A <c>using</c> alias whose target is written with one of CachingGen's attribute names (<c>using Keep = CachingGen.CachedAttribute;</c>).</summary>
internal readonly record struct AttributeAlias(string Alias, string Target)
{
    public static AttributeAlias? From(UsingDirectiveSyntax directive)
    {
        var target = MethodLocator.LastName((NameSyntax)directive.NamespaceOrType);
        return directive.Alias is { } alias && target.Length > 0 ? new AttributeAlias(alias.Name.Identifier.ValueText, Short(target)) : null;
    }

    /// <summary>How an attribute (<c>Cached</c>) can be written: with or without its suffix, and as any alias of it.</summary>
    public static EquatableArray<string> Spellings(string attribute, ImmutableArray<AttributeAlias?> aliases)
        => new[] { attribute, attribute + "Attribute" }
            .Concat(aliases.Where(a => a?.Target == attribute).SelectMany(a => new[] { a!.Value.Alias, Short(a.Value.Alias) }))
            .Distinct()
            .OrderBy(n => n, System.StringComparer.Ordinal)
            .ToEquatableArray();

    private static string Short(string name) => name.EndsWith("Attribute", System.StringComparison.Ordinal) && name.Length > "Attribute".Length ? name.Substring(0, name.Length - "Attribute".Length) : name;
}
