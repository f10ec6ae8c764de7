using CachingGen.Generator.Text;
using CachingGen.Keys;

namespace CachingGen.Generator.Parsing;

/// <summary>How <see cref="KeyTemplateBinder"/> follows a placeholder's member path (<c>&lt;order.Customer.Id&gt;</c>): which member is readable from the generated code, and why not.</summary>
internal sealed partial class KeyTemplateBinder
{
    /// <summary>Compiles <c>p.A.B</c> into <c>p?.A?.B</c> (null-conditional where a hop can be null) and picks the append method.</summary>
    private static KeySegmentModel? BindPath(IParameterSymbol parameter, string[] path, out ITypeSymbol valueType, out string problem)
    {
        problem = string.Empty;
        var expression = SymbolFormats.Identifier(parameter.Name);
        var type = parameter.Type;
        valueType = type;
        var lifted = false;
        for (var i = 1; i < path.Length; i++)
        {
            var canBeNull = CanBeNull(type);
            var lookupType = UnderlyingNullable(type) ?? type;
            var member = FindReadableMember(lookupType, path[i], parameter.ContainingAssembly);
            if (member is null)
            {
                problem = WhyNotReadable(lookupType, path[i], parameter.ContainingAssembly);
                return null;
            }

            if (member.IsRefLikeType || member.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
            {
                problem = $"'{lookupType.ToDisplayString(SymbolFormats.Short)}.{path[i]}' is a ref struct or pointer, which a key cannot hold";
                return null;
            }

            expression += (canBeNull ? "?." : ".") + SymbolFormats.Identifier(path[i]);
            lifted |= canBeNull;
            type = member;
        }

        var nullableUnderlying = UnderlyingNullable(type);
        valueType = nullableUnderlying ?? type;
        var isNullableValue = nullableUnderlying is not null || (lifted && type.IsValueType);
        var canBeNullResult = isNullableValue || !type.IsValueType;
        var (format, formatString) = ChooseFormat(valueType);
        return new KeySegmentModel(null, expression, format, formatString, canBeNullResult, isNullableValue);
    }

    /// <summary>Says precisely why <paramref name="name"/> cannot be read on <paramref name="type"/>.</summary>
    private static string WhyNotReadable(ITypeSymbol type, string name, IAssemblySymbol fromAssembly)
    {
        var typeName = type.ToDisplayString(SymbolFormats.Short);
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(name))
            {
                var where = $"'{typeName}.{name}'";
                switch (member)
                {
                    case { IsStatic: true }:
                        return $"{where} is static; a key reads instance members of the argument";
                    case IMethodSymbol:
                        return $"{where} is a method; use a property or field (a key never calls methods)";
                    case IPropertySymbol { GetMethod: null }:
                        return $"{where} has no getter";
                    case IPropertySymbol or IFieldSymbol when !IsAccessibleFrom(member, fromAssembly):
                        return $"{where} is not accessible from this assembly; make it public or internal";
                    case IPropertySymbol { GetMethod: { } getter } when !IsAccessibleFrom(getter, fromAssembly):
                        return $"{where} has a getter that is not accessible from this assembly";
                }
            }
        }

        return $"'{typeName}' has no readable instance property or field named '{name}'";
    }

    private static ITypeSymbol? FindReadableMember(ITypeSymbol type, string name, IAssemblySymbol fromAssembly)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(name))
            {
                if (member.IsStatic || !IsAccessibleFrom(member, fromAssembly))
                {
                    continue;
                }

                switch (member)
                {
                    case IPropertySymbol { IsIndexer: false, GetMethod: { } getter } property when IsAccessibleFrom(getter, fromAssembly):
                        return property.Type;
                    case IFieldSymbol field:
                        return field.Type;
                }
            }
        }

        if (type.TypeKind == TypeKind.Interface)
        {
            foreach (var @interface in type.AllInterfaces)
            {
                var found = FindReadableMember(@interface, name, fromAssembly);
                if (found is not null)
                {
                    return found;
                }
            }
        }

        return null;
    }

    private static bool IsAccessibleFrom(ISymbol symbol, IAssemblySymbol assembly) => symbol.DeclaredAccessibility switch
    {
        Accessibility.Public => true,
        Accessibility.Internal or Accessibility.ProtectedOrInternal => SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, assembly) || symbol.ContainingAssembly.GivesAccessTo(assembly),
        _ => false,
    };
}
