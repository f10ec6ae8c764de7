using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Parsing;

/// <summary>
/// Finds the method a call binds to from declarations alone, in the shapes repository calls take: <c>M(…)</c> and
/// <c>this.M(…)</c> in the class, <c>p.M(…)</c> on a parameter, field or property, <c>Type.M(…)</c>. Asking the
/// semantic model (<c>GetSymbolInfo</c>) binds the whole enclosing method body; this reads only the declared types,
/// so a project with 10,000 calls is not compiled twice. It answers only when the answer is certain (one method of
/// that name in the type and its bases, the right number of arguments, no local that could shadow the receiver);
/// anything else is <see langword="null"/>, and the caller asks the semantic model.
/// </summary>
internal sealed partial class CallTargetResolver(SemanticModel model, CancellationToken cancellationToken)
{
    // Per file scanned: the types a type name denotes (by scope position and text), the methods of a name in a type.
    // Calls are visited in document order, so what belongs to the enclosing member (the names it declares, its
    // parameters' types) is kept for the member being visited only: no look-up keyed by syntax node per call.
    private readonly Dictionary<(int Scope, string Text), INamedTypeSymbol?> _types = [];
    private MemberDeclarationSyntax? _member;
    private HashSet<string>? _memberLocals;
    private readonly Dictionary<string, INamedTypeSymbol?> _memberParameterTypes = new(System.StringComparer.Ordinal);
    private readonly Dictionary<(INamedTypeSymbol Type, string Name), Resolution> _methods = new(MethodKeyComparer.Instance);
    private readonly Dictionary<(INamedTypeSymbol Type, string Scope), HashSet<string>> _extensions = new(MethodKeyComparer.Instance);

    /// <summary>The result of <see cref="Resolve"/>.</summary>
    public readonly struct Resolution(bool known, IMethodSymbol? method)
    {
        /// <summary>Whether the call's target is known (then <see cref="Method"/> is it, or null when it is not a method of a class).</summary>
        public bool Known { get; } = known;

        public IMethodSymbol? Method { get; } = method;

        public static Resolution Unknown => default;
    }

    public Resolution Resolve(InvocationExpressionSyntax invocation)
    {
        if (invocation.Expression is IdentifierNameSyntax simple)
        {
            // A local function, a local or a parameter of that name (a delegate) wins over the member: binding decides.
            return IsShadowed(invocation, simple.Identifier.ValueText)
                ? Resolution.Unknown
                : Single(ContainingType(invocation), simple.Identifier.ValueText, invocation, isStatic: null);
        }

        if (invocation.Expression is not MemberAccessExpressionSyntax { Name: IdentifierNameSyntax name } access
            || !access.IsKind(SyntaxKind.SimpleMemberAccessExpression))
        {
            return Resolution.Unknown;
        }

        var method = name.Identifier.ValueText;
        switch (access.Expression)
        {
            case ThisExpressionSyntax:
                return Single(ContainingType(invocation), method, invocation, isStatic: false);
            case IdentifierNameSyntax receiver:
                return Receiver(invocation, receiver) is { } found
                    ? Single(found.Type, method, invocation, found.IsType)
                    : Resolution.Unknown;
            case QualifiedNameSyntax or AliasQualifiedNameSyntax:
                return model.GetSpeculativeSymbolInfo(access.Expression.SpanStart, access.Expression, SpeculativeBindingOption.BindAsTypeOrNamespace).Symbol is INamedTypeSymbol type
                    ? Single(type, method, invocation, isStatic: true)
                    : Resolution.Unknown;
            default:
                return Resolution.Unknown;
        }
    }

    /// <summary>The type of the receiver <paramref name="receiver"/> names, and whether it names the type itself (a static call).</summary>
    private (INamedTypeSymbol? Type, bool IsType)? Receiver(InvocationExpressionSyntax invocation, IdentifierNameSyntax receiver)
    {
        var text = receiver.Identifier.ValueText;
        var member = invocation.FirstAncestorOrSelf<MemberDeclarationSyntax>(static n => n is BaseMethodDeclarationSyntax or PropertyDeclarationSyntax or IndexerDeclarationSyntax or FieldDeclarationSyntax or EventDeclarationSyntax);
        if (member is null || DeclaresLocal(member, text))
        {
            // A local, a lambda's or a local function's parameter, a pattern variable…: only binding tells its type.
            return null;
        }

        if (_memberParameterTypes.TryGetValue(text, out var known))
        {
            return (known, false);
        }

        if (member is BaseMethodDeclarationSyntax method && method.ParameterList.Parameters.FirstOrDefault(p => p.Identifier.ValueText == text) is { } parameter)
        {
            if (parameter.Type is not { } parameterType)
            {
                return null;
            }

            var bound = BindType(member, parameterType);
            _memberParameterTypes[text] = bound;
            return (bound, false);
        }

        var containing = ContainingType(invocation);
        if (containing is null)
        {
            return null;
        }

        ISymbol? found = null;
        for (var type = containing; type is not null && found is null; type = type.BaseType)
        {
            found = type.GetMembers(text).FirstOrDefault();
        }

        // A primary constructor's parameter is in scope in the whole class, but a member of the same name wins inside
        // methods and loses in initializers: with both, binding decides.
        if (invocation.FirstAncestorOrSelf<TypeDeclarationSyntax>()?.ParameterList?.Parameters.FirstOrDefault(p => p.Identifier.ValueText == text) is { } primary)
        {
            return found is null && primary.Type is { } primaryType ? (BindType(member, primaryType), false) : null;
        }

        switch (found)
        {
            case IFieldSymbol field when field.Type.Name != text:
                return (field.Type as INamedTypeSymbol, false);
            case IPropertySymbol { Parameters.Length: 0 } property when property.Type.Name != text:
                return (property.Type as INamedTypeSymbol, false);
            case null:
                // Not a member: a type name (a static call), or something only binding can tell.
                return model.GetSpeculativeSymbolInfo(receiver.SpanStart, receiver, SpeculativeBindingOption.BindAsTypeOrNamespace).Symbol is INamedTypeSymbol type
                    ? (type, true)
                    : null;
            default:
                // A member of another kind, or one named like its type ("Color Color").
                return null;
        }
    }

    /// <summary>
    /// The one method named <paramref name="name"/> that a call with these arguments on <paramref name="type"/> can
    /// bind to; known-not-annotated when no method of that name in the type or its bases carries an attribute.
    /// </summary>
    private Resolution Single(INamedTypeSymbol? type, string name, InvocationExpressionSyntax invocation, bool? isStatic)
    {
        if (type is null || type.TypeKind is TypeKind.Error or TypeKind.TypeParameter)
        {
            return Resolution.Unknown;
        }

        if (type.TypeKind != TypeKind.Class)
        {
            // An interface (the decorator's call), a struct, an enum: never an annotated method of a class here.
            return new Resolution(true, null);
        }

        if (!_methods.TryGetValue((type, name), out var methods))
        {
            _methods[(type, name)] = methods = Methods(type, name);
        }

        if (!methods.Known || methods.Method is not { } single)
        {
            return methods;
        }

        if (isStatic is { } wantStatic && single.IsStatic != wantStatic)
        {
            return Resolution.Unknown;
        }

        if (!ArgumentsFit(single, invocation.ArgumentList))
        {
            // Arguments the one method cannot take, whatever their types: the call binds to an extension method that
            // takes them, or to nothing (the user's compile error). Never to this method, so with no extension of that
            // name in scope it is not intercepted, and nothing is bound to say so (a parameter just added to the
            // method makes every call of it such a call until the calls are edited).
            return CannotTake(single, invocation.ArgumentList) && (isStatic == true || !HasExtension(type, name, invocation))
                ? new Resolution(true, null)
                : Resolution.Unknown;
        }

        // The arguments' count is checked, not their types: an extension method of that name that takes them would
        // win over an instance method that does not. With one in scope, binding decides.
        return isStatic != true && HasExtension(type, name, invocation) ? Resolution.Unknown : methods;
    }

    /// <summary>
    /// Whether an extension method named <paramref name="name"/> for <paramref name="type"/> is in scope at the call: the
    /// names of the extension methods for a type are looked up once per type and namespace block, not once per call.
    /// </summary>
    private bool HasExtension(INamedTypeSymbol type, string name, SyntaxNode call)
    {
        var scope = call.FirstAncestorOrSelf<BaseNamespaceDeclarationSyntax>()?.SpanStart ?? -1;
        var key = (type, scope.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!_extensions.TryGetValue(key, out var names))
        {
            names = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var symbol in model.LookupSymbols(call.SpanStart, type, name: null, includeReducedExtensionMethods: true))
            {
                if (symbol is IMethodSymbol { ReducedFrom: not null } or IMethodSymbol { IsExtensionMethod: true })
                {
                    names.Add(symbol.Name);
                }
            }

            _extensions[key] = names;
        }

        return names.Contains(name);
    }

    /// <summary>The one annotated method named <paramref name="name"/> in <paramref name="type"/> and its bases, whatever the call's arguments.</summary>
    private static Resolution Methods(INamedTypeSymbol type, string name)
    {
        IMethodSymbol? single = null;
        var count = 0;
        var annotated = false;
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(name))
            {
                if (member is not IMethodSymbol method)
                {
                    // A property or field of that name holding a delegate: binding decides.
                    return Resolution.Unknown;
                }

                single ??= method;
                count++;
                annotated |= AttributeNames.IsAnnotated(method);
            }
        }

        if (count == 0)
        {
            // Perhaps an extension method, or a member of an outer type: binding decides.
            return Resolution.Unknown;
        }

        if (!annotated)
        {
            // Whatever it binds to among these, nothing annotated (an annotated extension method is never intercepted).
            return new Resolution(true, null);
        }

        return count != 1 || single!.IsGenericMethod || single.MethodKind != MethodKind.Ordinary
            ? Resolution.Unknown
            : new Resolution(true, single);
    }

    private INamedTypeSymbol? ContainingType(SyntaxNode node)
        => node.FirstAncestorOrSelf<BaseTypeDeclarationSyntax>() is { } declaration
            ? model.GetDeclaredSymbol(declaration, cancellationToken) as INamedTypeSymbol
            : null;

    private sealed class MethodKeyComparer : IEqualityComparer<(INamedTypeSymbol Type, string Name)>
    {
        public static readonly MethodKeyComparer Instance = new();

        public bool Equals((INamedTypeSymbol Type, string Name) x, (INamedTypeSymbol Type, string Name) y)
            => SymbolEqualityComparer.Default.Equals(x.Type, y.Type) && x.Name == y.Name;

        public int GetHashCode((INamedTypeSymbol Type, string Name) key)
            => (SymbolEqualityComparer.Default.GetHashCode(key.Type) * 31) ^ key.Name.GetHashCode();
    }
}
