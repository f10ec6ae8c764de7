namespace CachingGen.Generator.Parsing;

/// <summary>
/// The class side of a repository: whether it can be decorated at all (CG0008), and the interfaces and members its
/// decorator implements, as an equatable shell.
/// </summary>
/// <param name="sink">Where problems are reported.</param>
/// <param name="interceptors">Whether this project's calls are intercepted: then a static class is fine (only
/// interceptors can cache its calls anyway). Only what is reported depends on it, never the shell.</param>
/// <param name="cancellationToken">Cancels the work.</param>
internal sealed class ShellParser(DiagnosticSink sink, bool interceptors, CancellationToken cancellationToken)
{
    private readonly DiagnosticSink _sink = sink;
    private readonly CancellationToken _cancellationToken = cancellationToken;
    private readonly bool _interceptors = interceptors;

    /// <summary>Class-level checks, and the interface members the decorator implements. Null when the class cannot be decorated.</summary>
    public RepositoryShell? Parse(INamedTypeSymbol type)
    {
        if (!Check(type, out var interfaces))
        {
            return null;
        }

        // No interfaces: no decorator, but still key builders and a registration (its descriptors, for the runtime);
        // interceptors cache its calls.
        var members = new List<InterfaceMemberModel>();
        foreach (var @interface in interfaces)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            foreach (var member in @interface.GetMembers())
            {
                if (HasErrorType(member))
                {
                    // The user's code does not compile yet (the compiler says why); a decorator now would only
                    // add errors of its own.
                    return null;
                }

                var model = ToInterfaceMember(type, @interface, member);
                if (model is not null)
                {
                    members.Add(model);
                }
            }
        }

        var isPublic = IsEffectivelyPublic(type) && interfaces.All(IsEffectivelyPublic);
        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : string.Empty;
        return new RepositoryShell(
            ns,
            SymbolFormats.Qualified(type),
            type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat),
            BaseName(type),
            isPublic,
            interfaces.Select(SymbolFormats.Qualified).ToEquatableArray(),
            members.ToEquatableArray(),
            new OutsideEquality<LocationInfo?>(LocationInfo.From(type.Locations.FirstOrDefault())));
    }

    /// <summary>
    /// The class-level checks alone (what the analyzer needs): false, reported, when the class cannot be decorated.
    /// <paramref name="interfaces"/> are the interfaces its decorator would implement.
    /// </summary>
    public bool Check(INamedTypeSymbol type, out List<INamedTypeSymbol> interfaces)
    {
        var reason = ClassProblem(type);
        if (reason is null && type.IsStatic && type.TypeKind == TypeKind.Class)
        {
            // Valid either way; without interceptors nothing can cache its calls, which is worth an error.
            if (!_interceptors)
            {
                _sink.Report(DiagnosticDescriptors.UnsupportedRepositoryClass, type.Locations.FirstOrDefault(), type.ToDisplayString(SymbolFormats.Short), "it is static and interceptors are off in this project (CachingGenInterceptors), so nothing can cache its calls; turn interceptors on, or make it an instance class that implements the repository interface");
            }

            interfaces = [];
            return true;
        }

        interfaces = ImplementationLookup.RelevantInterfaces(type);
        if (reason is null)
        {
            foreach (var @interface in interfaces)
            {
                if (@interface.GetMembers().Any(m => m.IsStatic && m.IsAbstract))
                {
                    reason = $"its interface '{@interface.ToDisplayString(SymbolFormats.Short)}' has static abstract members, which a decorator cannot forward";
                    break;
                }
            }
        }

        if (reason is null)
        {
            return true;
        }

        _sink.Report(DiagnosticDescriptors.UnsupportedRepositoryClass, type.Locations.FirstOrDefault(), type.ToDisplayString(SymbolFormats.Short), reason);
        return false;
    }

    private static InterfaceMemberModel? ToInterfaceMember(INamedTypeSymbol type, INamedTypeSymbol @interface, ISymbol member)
    {
        if (member.IsStatic)
        {
            return null;
        }

        var interfaceName = SymbolFormats.Qualified(@interface);
        switch (member)
        {
            case IMethodSymbol { MethodKind: MethodKind.Ordinary } method:
                var implementation = ImplementationLookup.Find(type, method);
                var implementedBy = implementation is not null && AttributeNames.IsAnnotated(implementation) ? SymbolFormats.MethodId(implementation) : null;
                return new InterfaceMemberModel(
                    MemberKind.Method,
                    interfaceName,
                    SymbolFormats.Identifier(method.Name),
                    SymbolFormats.Qualified(method.ReturnType),
                    method.ReturnsByRefReadonly ? "ref readonly " : method.ReturnsByRef ? "ref " : string.Empty,
                    method.TypeParameters.Select(t => t.Name).ToEquatableArray(),
                    Parameters(method.Parameters),
                    false,
                    false,
                    implementedBy);
            case IPropertySymbol property:
                return new InterfaceMemberModel(
                    property.IsIndexer ? MemberKind.Indexer : MemberKind.Property,
                    interfaceName,
                    SymbolFormats.Identifier(property.Name),
                    SymbolFormats.Qualified(property.Type),
                    property.ReturnsByRefReadonly ? "ref readonly " : property.ReturnsByRef ? "ref " : string.Empty,
                    EquatableArray<string>.Empty,
                    Parameters(property.Parameters),
                    property.GetMethod is not null,
                    property.SetMethod is not null,
                    null);
            case IEventSymbol @event:
                return new InterfaceMemberModel(
                    MemberKind.Event,
                    interfaceName,
                    SymbolFormats.Identifier(@event.Name),
                    SymbolFormats.Qualified(@event.Type),
                    string.Empty,
                    EquatableArray<string>.Empty,
                    EquatableArray<ParameterModel>.Empty,
                    false,
                    false,
                    null);
            default:
                return null;
        }
    }

    private static EquatableArray<ParameterModel> Parameters(IEnumerable<IParameterSymbol> parameters)
        => parameters.Select(p => new ParameterModel(
                SymbolFormats.Identifier(p.Name),
                SymbolFormats.Qualified(p.Type),
                SymbolFormats.RefKindText(p.RefKind),
                TypeRules.IsCancellationToken(p.Type)))
            .ToEquatableArray();

    private static bool HasErrorType(ISymbol member) => member switch
    {
        IMethodSymbol method => IsOrContainsError(method.ReturnType) || method.Parameters.Any(p => IsOrContainsError(p.Type)),
        IPropertySymbol property => IsOrContainsError(property.Type) || property.Parameters.Any(p => IsOrContainsError(p.Type)),
        IEventSymbol @event => IsOrContainsError(@event.Type),
        _ => false,
    };

    private static bool IsOrContainsError(ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Error } => true,
        IArrayTypeSymbol array => IsOrContainsError(array.ElementType),
        IPointerTypeSymbol pointer => IsOrContainsError(pointer.PointedAtType),
        INamedTypeSymbol named => named.TypeArguments.Any(IsOrContainsError),
        _ => false,
    };

    private static string? ClassProblem(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class)
        {
            return "only classes can be decorated";
        }

        if (!type.CanBeReferencedByName)
        {
            // Top-level statements' or a broken declaration's synthesized class: the compiler reports the code.
            return "its name cannot be written in C#";
        }

        if (type.IsAbstract && !type.IsStatic)
        {
            return "it is abstract, and the generator decorates the concrete class that DI creates, reading the attributes of the methods that run there; put the attributes on the concrete class's methods (the overrides) instead";
        }

        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsGenericType)
            {
                return "it is generic (or nested in a generic type); annotate a non-generic class";
            }

            if (current.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
            {
                return "it is private or protected; make it internal or public so the generated decorator can reach it";
            }

            if (current.IsFileLocal)
            {
                return "it is file-local; make it internal or public so the generated decorator can reach it";
            }
        }

        return null;
    }

    private static bool IsEffectivelyPublic(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol named)
        {
            for (var current = named; current is not null; current = current.ContainingType)
            {
                if (current.DeclaredAccessibility != Accessibility.Public)
                {
                    return false;
                }
            }

            return named.TypeArguments.All(IsEffectivelyPublic);
        }

        return type.TypeKind != TypeKind.Error;
    }

    private static string BaseName(INamedTypeSymbol type)
    {
        var names = new List<string>();
        for (var current = type; current is not null; current = current.ContainingType)
        {
            names.Insert(0, current.Name);
        }

        return string.Join("_", names);
    }
}
