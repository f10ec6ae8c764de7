using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Parsing;

/// <summary>How <see cref="CallTargetResolver"/> finds the type a declared name denotes without binding whole signatures.</summary>
internal sealed partial class CallTargetResolver
{
    /// <summary>
    /// The type of a call's receiver when the declarations alone say it (<c>this.M(…)</c>, <c>p.M(…)</c> on a parameter,
    /// field or property, <c>Type.M(…)</c> on a simple type name); null for any other shape (<c>M(…)</c>, whose look-up
    /// also reaches outer types and static usings, a local, an expression, <c>a?.M(…)</c>). Asked after
    /// <see cref="Resolve"/> for the same call, so the member being visited is the same.
    /// </summary>
    public INamedTypeSymbol? ReceiverType(InvocationExpressionSyntax invocation)
    {
        // In a nested type the outer types' members are in scope too, which the receiver look-up does not search; and
        // only a call this resolver answers for certain has a receiver it knows.
        if (invocation.Expression is not MemberAccessExpressionSyntax { Name: IdentifierNameSyntax } access || !access.IsKind(SyntaxKind.SimpleMemberAccessExpression)
            || ContainingType(invocation) is not { ContainingType: null } || !Resolve(invocation).Known)
        {
            return null;
        }

        return access.Expression switch
        {
            ThisExpressionSyntax => ContainingType(invocation),
            IdentifierNameSyntax receiver => Receiver(invocation, receiver)?.Type,
            _ => null,
        };
    }

    /// <summary>
    /// The type a parameter's declared type names, bound on its own (not the whole member's signature), once per type
    /// declaration and text; in a generic member or type, where type parameters could be meant, once per member.
    /// </summary>
    private INamedTypeSymbol? BindType(MemberDeclarationSyntax member, TypeSyntax type)
    {
        SyntaxNode scope = member.Parent is TypeDeclarationSyntax { TypeParameterList: null } containing && member is not MethodDeclarationSyntax { TypeParameterList: not null }
            ? containing
            : member;
        var key = (scope.SpanStart, type.ToString());
        if (!_types.TryGetValue(key, out var symbol))
        {
            _types[key] = symbol = LookUp(type) ?? model.GetSpeculativeTypeInfo(type.SpanStart, type, SpeculativeBindingOption.BindAsTypeOrNamespace).Type as INamedTypeSymbol;
        }

        return symbol;
    }

    /// <summary>
    /// A non-generic type name found by name look-up (the scope's usings and namespaces) or, for <c>global::</c>, from the
    /// global namespace: much cheaper than binding it speculatively. Null when the name is another shape or ambiguous.
    /// </summary>
    private INamedTypeSymbol? LookUp(TypeSyntax type)
    {
        var container = (INamespaceOrTypeSymbol?)null;
        switch (type)
        {
            case IdentifierNameSyntax identifier:
                return Only(model.LookupNamespacesAndTypes(type.SpanStart, name: identifier.Identifier.ValueText)) as INamedTypeSymbol;
            case AliasQualifiedNameSyntax { Alias.Identifier.ValueText: "global", Name: IdentifierNameSyntax name }:
                return Only(model.Compilation.GlobalNamespace.GetMembers(name.Identifier.ValueText)) as INamedTypeSymbol;
            case QualifiedNameSyntax { Right: IdentifierNameSyntax right } qualified:
                container = qualified.Left switch
                {
                    AliasQualifiedNameSyntax or QualifiedNameSyntax => LookUpContainer(qualified.Left),
                    IdentifierNameSyntax left => Only(model.LookupNamespacesAndTypes(type.SpanStart, name: left.Identifier.ValueText)) as INamespaceOrTypeSymbol,
                    _ => null,
                };
                return container is null ? null : Only(container.GetMembers(right.Identifier.ValueText)) as INamedTypeSymbol;
            default:
                return null;
        }
    }

    private INamespaceOrTypeSymbol? LookUpContainer(NameSyntax name) => name switch
    {
        AliasQualifiedNameSyntax { Alias.Identifier.ValueText: "global", Name: IdentifierNameSyntax first } => Only(model.Compilation.GlobalNamespace.GetMembers(first.Identifier.ValueText)) as INamespaceOrTypeSymbol,
        QualifiedNameSyntax { Right: IdentifierNameSyntax right } qualified => LookUpContainer(qualified.Left) is { } left ? Only(left.GetMembers(right.Identifier.ValueText)) as INamespaceOrTypeSymbol : null,
        IdentifierNameSyntax identifier => Only(model.LookupNamespacesAndTypes(name.SpanStart, name: identifier.Identifier.ValueText)) as INamespaceOrTypeSymbol,
        _ => null,
    };

    /// <summary>The one non-generic namespace or type among <paramref name="symbols"/>, else null (ambiguous or generic).</summary>
    private static ISymbol? Only(IEnumerable<ISymbol> symbols)
    {
        ISymbol? only = null;
        foreach (var symbol in symbols)
        {
            if (symbol is INamedTypeSymbol { Arity: > 0 })
            {
                continue;
            }

            if (only is not null)
            {
                return null;
            }

            only = symbol;
        }

        return only;
    }
}
