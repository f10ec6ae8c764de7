using System.Globalization;
using System.Text;

namespace CachingGen.Generator.Hashing;

/// <summary>
/// A stable hash of a cached result type's serialized shape: what System.Text.Json writes and reads for it by default.
/// The distributed level stores it with each value and reads a value of another shape as a miss, so a release that
/// changes the type never reads the entries of the one before as the new type (System.Text.Json would silently
/// default what is missing), and a release that leaves the type alone keeps them.
/// </summary>
/// <remarks>
/// The hash is FNV-1a over a canonical text (<see cref="Describe"/>), never <c>string.GetHashCode</c>, which differs
/// from one process to the next. The text leaves out what JSON does not carry: type names (a back-reference to a
/// type already described is its visit number), nullable reference annotations, static members, fields, methods,
/// and non-public members.
/// </remarks>
internal static class ResultShapeHash
{
    // Deep enough for any real object graph; past it the shape is cut (deterministically) rather than walked.
    private const int MaxDepth = 24;

    private const string JsonNamespace = "System.Text.Json.Serialization.";

    private static readonly SymbolDisplayFormat FullName = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters);

    // Written by System.Text.Json as one JSON value (a string or a number), whatever their members.
    private static readonly HashSet<string> ValueTypes =
    [
        "System.DateTimeOffset", "System.Guid", "System.TimeSpan", "System.DateOnly", "System.TimeOnly", "System.Uri",
        "System.Version", "System.Half", "System.Int128", "System.UInt128", "System.Text.Json.JsonElement",
        "System.Text.Json.JsonDocument", "System.Text.Json.Nodes.JsonNode", "System.Text.Json.Nodes.JsonObject",
        "System.Text.Json.Nodes.JsonArray", "System.Text.Json.Nodes.JsonValue",
    ];

    /// <summary>The hash of <paramref name="type"/>'s serialized shape.</summary>
    public static uint Of(ITypeSymbol type, CancellationToken cancellationToken = default)
        => StableHash.OfBytes(Describe(type, cancellationToken));

    /// <summary>The canonical text the hash is computed over (what a test or a curious reader compares).</summary>
    public static string Describe(ITypeSymbol type, CancellationToken cancellationToken = default)
    {
        var walker = new Walker(cancellationToken);
        walker.Append(type, 0);
        return walker.Text;
    }

    private sealed class Walker(CancellationToken cancellationToken)
    {
        private readonly StringBuilder _text = new();
        private readonly Dictionary<ITypeSymbol, int> _visited = new(SymbolEqualityComparer.Default);

        public string Text => _text.ToString();

        public void Append(ITypeSymbol type, int depth)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (depth > MaxDepth)
            {
                _text.Append('…');
                return;
            }

            // string? and string are the same JSON; int? is not int (null is a value it reads).
            type = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                Append(nullable.TypeArguments[0], depth + 1);
                _text.Append('?');
                return;
            }

            var converter = Converter(type.GetAttributes());
            if (converter is not null)
            {
                // A custom converter decides the JSON: the best stand-in for its shape is which converter it is.
                _text.Append("converter(").Append(converter).Append(')');
                return;
            }

            if (IsSingleValue(type))
            {
                _text.Append(type.ToDisplayString(FullName));
                return;
            }

            if (type.TypeKind == TypeKind.Enum && type is INamedTypeSymbol enumType)
            {
                AppendEnum(enumType);
                return;
            }

            if (type is IArrayTypeSymbol array)
            {
                AppendCollection(array.ElementType, depth);
            }
            else if (DictionaryArguments(type) is { } pair)
            {
                _text.Append('{');
                Append(pair.Key, depth + 1);
                _text.Append("=>");
                Append(pair.Value, depth + 1);
                _text.Append('}');
            }
            else if (ElementType(type) is { } element)
            {
                AppendCollection(element, depth);
            }
            else
            {
                AppendObject(type, depth);
            }
        }

        private void AppendCollection(ITypeSymbol element, int depth)
        {
            _text.Append('[');
            Append(element, depth + 1);
            _text.Append(']');
        }

        private void AppendEnum(INamedTypeSymbol type)
        {
            // Enums are numbers by default, so the names alone would miss a renumbering, and the values alone a rename.
            _text.Append("enum{");
            foreach (var field in type.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue))
            {
                _text.Append(field.Name).Append('=').Append(System.Convert.ToString(field.ConstantValue, CultureInfo.InvariantCulture)).Append(';');
            }

            _text.Append('}');
        }

        private void AppendObject(ITypeSymbol type, int depth)
        {
            if (_visited.TryGetValue(type, out var number))
            {
                // Described already (a cycle, or the same type twice): its number, not its name, which JSON does not carry.
                _text.Append('^').Append(number.ToString(CultureInfo.InvariantCulture));
                return;
            }

            _visited.Add(type, _visited.Count);
            _text.Append('{');
            foreach (var (name, memberType) in SerializedMembers(type))
            {
                _text.Append(name).Append(':');
                Append(memberType, depth + 1);
                _text.Append(';');
            }

            if (DeserializingConstructor(type) is { Parameters.Length: > 0 } constructor)
            {
                // Parameters bind to properties by name: renaming one changes what a stored value reads back as.
                _text.Append("ctor(").Append(string.Join(",", constructor.Parameters.Select(p => p.Name.ToUpperInvariant()))).Append(')');
            }

            _text.Append('}');
        }
    }

    private static bool IsSingleValue(ITypeSymbol type)
        => type.SpecialType is SpecialType.System_Object or (>= SpecialType.System_Boolean and <= SpecialType.System_String) or SpecialType.System_DateTime
            || ValueTypes.Contains(type.ToDisplayString(FullName));

    /// <summary>
    /// The members System.Text.Json serializes, in its order (base class members first, each type's in declaration
    /// order): public instance properties with a public getter, and members marked <c>[JsonInclude]</c>; not those
    /// marked <c>[JsonIgnore]</c> (without a condition); named by <c>[JsonPropertyName]</c> when present.
    /// </summary>
    private static List<(string Name, ITypeSymbol Type)> SerializedMembers(ITypeSymbol type)
    {
        var chain = new List<ITypeSymbol>();
        for (var current = type; current is not null && current.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); current = current.BaseType)
        {
            chain.Insert(0, current);
        }

        var members = new List<(string Name, ITypeSymbol Type)>();
        var indexByClrName = new Dictionary<string, int>();
        foreach (var declaring in chain)
        {
            foreach (var member in declaring.GetMembers())
            {
                if (SerializedType(member) is not { } memberType)
                {
                    continue;
                }

                var attributes = member.GetAttributes();
                var name = StringArgument(attributes, "JsonPropertyNameAttribute") ?? member.Name;
                if (Converter(attributes) is { } converter)
                {
                    name += "|converter(" + converter + ")";
                }

                // An override or a 'new' member replaces the base one where it stood.
                if (indexByClrName.TryGetValue(member.Name, out var index))
                {
                    members[index] = (name, memberType);
                }
                else
                {
                    indexByClrName.Add(member.Name, members.Count);
                    members.Add((name, memberType));
                }
            }
        }

        return members;
    }

    private static ITypeSymbol? SerializedType(ISymbol member)
    {
        if (member.IsStatic || IsIgnored(member.GetAttributes()))
        {
            return null;
        }

        var included = HasAttribute(member.GetAttributes(), "JsonIncludeAttribute");
        return member switch
        {
            IPropertySymbol { IsIndexer: false, GetMethod: { } getter } property
                when included || (property.DeclaredAccessibility == Accessibility.Public && getter.DeclaredAccessibility == Accessibility.Public) => property.Type,
            IFieldSymbol field when included && field.DeclaredAccessibility == Accessibility.Public => field.Type,
            _ => null,
        };
    }

    /// <summary>The constructor System.Text.Json deserializes through: <c>[JsonConstructor]</c>, else the only public one if it has parameters.</summary>
    private static IMethodSymbol? DeserializingConstructor(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol named || type.IsAbstract)
        {
            return null;
        }

        var constructors = named.InstanceConstructors;
        var marked = constructors.FirstOrDefault(c => HasAttribute(c.GetAttributes(), "JsonConstructorAttribute"));
        if (marked is not null)
        {
            return marked;
        }

        var publicOnes = constructors.Where(c => c.DeclaredAccessibility == Accessibility.Public && !c.IsImplicitlyDeclared).ToList();
        return publicOnes.Count == 1 && !constructors.Any(c => c.DeclaredAccessibility == Accessibility.Public && c.Parameters.Length == 0) ? publicOnes[0] : null;
    }

    private static KeyValuePair<ITypeSymbol, ITypeSymbol>? DictionaryArguments(ITypeSymbol type)
    {
        foreach (var candidate in SelfAndInterfaces(type))
        {
            if (candidate.IsGenericType && candidate.TypeArguments.Length == 2
                && candidate.OriginalDefinition.ToDisplayString(FullName) is "System.Collections.Generic.IDictionary<TKey, TValue>" or "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>")
            {
                return new KeyValuePair<ITypeSymbol, ITypeSymbol>(candidate.TypeArguments[0], candidate.TypeArguments[1]);
            }
        }

        return null;
    }

    private static ITypeSymbol? ElementType(ITypeSymbol type)
        => SelfAndInterfaces(type).FirstOrDefault(t => t.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)?.TypeArguments[0];

    private static IEnumerable<INamedTypeSymbol> SelfAndInterfaces(ITypeSymbol type)
        => type is INamedTypeSymbol named ? new[] { named }.Concat(type.AllInterfaces) : type.AllInterfaces;

    private static bool IsIgnored(IEnumerable<AttributeData> attributes)
        => attributes.Any(a => IsJsonAttribute(a, "JsonIgnoreAttribute")
            // JsonIgnoreCondition.Always (1) is the default; the conditional ones still read the member.
            && (a.NamedArguments.FirstOrDefault(n => n.Key == "Condition").Value.Value is null or 1));

    private static string? Converter(IEnumerable<AttributeData> attributes)
        => attributes.FirstOrDefault(a => IsJsonAttribute(a, "JsonConverterAttribute")) is { } converter
            ? converter.ConstructorArguments.FirstOrDefault().Value is ITypeSymbol converterType ? converterType.ToDisplayString(FullName) : "?"
            : null;

    private static string? StringArgument(IEnumerable<AttributeData> attributes, string attribute)
        => attributes.FirstOrDefault(a => IsJsonAttribute(a, attribute))?.ConstructorArguments.FirstOrDefault().Value as string;

    private static bool HasAttribute(IEnumerable<AttributeData> attributes, string attribute)
        => attributes.Any(a => IsJsonAttribute(a, attribute));

    private static bool IsJsonAttribute(AttributeData attribute, string name)
        => attribute.AttributeClass is { } type && type.Name == name && type.ToDisplayString(FullName) == JsonNamespace + name;
}
