using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CachingGen.Generator.Diagnostics;
using CachingGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Parsing;

/// <summary>
/// Turns an annotated method and its class into equatable models. The generator calls it without a
/// diagnostics list (it only needs to know what is valid); the analyzer calls it with one, and reports.
/// Both therefore agree on what is valid, and the generator stays silent on bad input.
/// </summary>
internal static class RepositoryParser
{
    public static MethodResult ParseMethod(IMethodSymbol method, KnownTypes known, CancellationToken cancellationToken)
    {
        var type = method.ContainingType;
        var shell = IsFirstAnnotated(method, known) ? ParseShell(type, known, diagnostics: null, cancellationToken) : null;
        var model = ParseAnnotatedMethod(method, known, diagnostics: null, cancellationToken);
        return new MethodResult(SymbolFormats.Qualified(type), shell, model);
    }

    private static bool IsFirstAnnotated(IMethodSymbol method, KnownTypes known)
    {
        foreach (var member in method.ContainingType.GetMembers())
        {
            if (member is IMethodSymbol candidate && known.IsAnnotated(candidate))
            {
                return SymbolEqualityComparer.Default.Equals(candidate, method);
            }
        }

        return false;
    }

    /// <summary>Class-level checks and the interface members the decorator implements (the latter only for the generator: with a diagnostics list, the result is always null).</summary>
    public static RepositoryShell? ParseShell(INamedTypeSymbol type, KnownTypes known, List<Diagnostic>? diagnostics, CancellationToken cancellationToken)
    {
        var reason = ClassProblem(type);
        var interfaces = RelevantInterfaces(type, known);
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

        if (reason is not null)
        {
            diagnostics?.Add(Diagnostic.Create(DiagnosticDescriptors.UnsupportedRepositoryClass, type.Locations.FirstOrDefault(), type.ToDisplayString(SymbolFormats.Short), reason));
            return null;
        }

        if (diagnostics is not null)
        {
            // The analyzer only reports; the member models below are for the generator's emitter.
            return null;
        }

        if (interfaces.Count == 0)
        {
            // Nothing to decorate; each annotated method reports CG0004.
            return null;
        }

        var members = new List<InterfaceMemberModel>();
        foreach (var @interface in interfaces)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var member in @interface.GetMembers())
            {
                if (HasErrorType(member))
                {
                    // The user's code does not compile yet (the compiler says why); a decorator now would only
                    // add errors of its own.
                    return null;
                }

                var model = ToInterfaceMember(type, @interface, member, known);
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
            members.ToEquatableArray());
    }

    /// <summary>Method-level checks and the compiled cache policy. Null when the method is invalid, and for the analyzer (which passes a diagnostics list).</summary>
    public static MethodModel? ParseAnnotatedMethod(IMethodSymbol method, KnownTypes known, List<Diagnostic>? diagnostics, CancellationToken cancellationToken)
    {
        var valid = true;
        // Display names only feed diagnostic messages: formatted when one is reported, not for every method.
        var name = new Lazy<string>(() => method.ToDisplayString(SymbolFormats.Short), LazyThreadSafetyMode.None);
        var location = method.Locations.FirstOrDefault();

        if (method.IsStatic)
        {
            valid = Report(diagnostics, DiagnosticDescriptors.UnsupportedMethodShape, location, name.Value, "it is static; only instance methods called through an interface can be decorated");
        }

        if (method.IsGenericMethod)
        {
            valid = Report(diagnostics, DiagnosticDescriptors.UnsupportedMethodShape, location, name.Value, "it is generic; give each type its own non-generic method");
        }

        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None)
            {
                valid = Report(diagnostics, DiagnosticDescriptors.UnsupportedMethodShape, parameter.Locations.FirstOrDefault() ?? location, name.Value, $"parameter '{parameter.Name}' is passed by reference ({SymbolFormats.RefKindText(parameter.RefKind).Trim()}); pass it by value");
            }
            else if (parameter.Type.TypeKind == TypeKind.Pointer || parameter.Type.TypeKind == TypeKind.FunctionPointer)
            {
                valid = Report(diagnostics, DiagnosticDescriptors.UnsupportedMethodShape, parameter.Locations.FirstOrDefault() ?? location, name.Value, $"parameter '{parameter.Name}' is a pointer");
            }
        }

        if (!method.IsStatic && !ImplementsInterfaceMember(method))
        {
            valid = Report(diagnostics, DiagnosticDescriptors.NotReachableThroughInterface, location, name.Value, method.ContainingType.ToDisplayString(SymbolFormats.Short));
        }

        AttributeData? cachedAttribute = null;
        var invalidatesAttributes = new List<AttributeData>();
        foreach (var attribute in method.GetAttributes())
        {
            if (known.IsCached(attribute))
            {
                cachedAttribute = attribute;
            }
            else if (known.IsInvalidates(attribute))
            {
                invalidatesAttributes.Add(attribute);
            }
        }

        if (diagnostics is not null)
        {
            ReportConflictingAttributes(method, name, cachedAttribute, invalidatesAttributes, diagnostics, cancellationToken);
        }

        var returnKind = ClassifyReturn(method, known, out var resultType);
        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            valid = Report(diagnostics, DiagnosticDescriptors.UnsupportedReturnType, location, name.Value, method.ReturnType.ToDisplayString(SymbolFormats.Short), "CachingGen", "it returns by reference; return the value");
        }

        CachedModel? cached = null;
        if (cachedAttribute is not null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            cached = ParseCached(method, cachedAttribute, returnKind, resultType, known, diagnostics, cancellationToken);
            valid &= cached is not null;
        }

        var invalidates = new List<KeyTemplateModel>();
        foreach (var attribute in invalidatesAttributes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var text = StringArgument(attribute, 0);
            var template = BindTemplate(method, attribute, text, "key", 0, known, diagnostics, cancellationToken, allowPrefix: true);
            if (template is null)
            {
                valid = false;
            }
            else
            {
                invalidates.Add(template);
            }
        }

        if (cachedAttribute is null && invalidatesAttributes.Count > 0
            && method.ReturnType.IsRefLikeType)
        {
            valid = Report(diagnostics, DiagnosticDescriptors.UnsupportedReturnType, location, name.Value, method.ReturnType.ToDisplayString(SymbolFormats.Short), "[Invalidates]", "a ref struct cannot be held while the keys are removed");
        }

        if (!valid || (cached is null && invalidates.Count == 0) || diagnostics is not null)
        {
            // Invalid, or the analyzer asking: it needs the diagnostics, not the model.
            return null;
        }

        return new MethodModel(
            MethodId(method),
            SimpleName(method),
            method.ContainingType.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat) + "." + SimpleName(method),
            method.ContainingType.GetMembers().IndexOf(method),
            returnKind,
            cached,
            invalidates.ToEquatableArray());
    }

    /// <summary>The name without an explicit implementation's interface prefix (<c>IRepo.GetAsync</c> → <c>GetAsync</c>).</summary>
    private static string SimpleName(IMethodSymbol method)
        => method.ExplicitInterfaceImplementations.Length > 0 ? method.ExplicitInterfaceImplementations[0].Name : method.Name;

    public static string MethodId(IMethodSymbol method)
        => method.OriginalDefinition.GetDocumentationCommentId() ?? method.ToDisplayString();

    private static CachedModel? ParseCached(IMethodSymbol method, AttributeData attribute, ReturnKind returnKind, ITypeSymbol? resultType, KnownTypes known, List<Diagnostic>? diagnostics, CancellationToken cancellationToken)
    {
        var valid = true;
        // Display names only feed diagnostic messages: formatted when one is reported, not for every method.
        var name = new Lazy<string>(() => method.ToDisplayString(SymbolFormats.Short), LazyThreadSafetyMode.None);
        if (returnKind is ReturnKind.Void or ReturnKind.Task or ReturnKind.ValueTask)
        {
            valid = Report(diagnostics, DiagnosticDescriptors.UnsupportedReturnType, method.Locations.FirstOrDefault(), name.Value, method.ReturnType.ToDisplayString(SymbolFormats.Short), "[Cached]", "there is no result to cache; return Task<T>, ValueTask<T> or T");
        }
        else if (resultType is null || resultType.IsRefLikeType || resultType.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
        {
            valid = Report(diagnostics, DiagnosticDescriptors.UnsupportedReturnType, method.Locations.FirstOrDefault(), name.Value, method.ReturnType.ToDisplayString(SymbolFormats.Short), "[Cached]", "a ref struct or pointer cannot be stored");
        }
        else if (TypeRules.UncacheableResultReason(resultType, known) is { } uncacheable)
        {
            valid = Report(diagnostics, DiagnosticDescriptors.UnsupportedReturnType, method.Locations.FirstOrDefault(), name.Value, method.ReturnType.ToDisplayString(SymbolFormats.Short), "[Cached]", uncacheable);
        }
        else if (diagnostics is not null && TypeRules.ReadOnlyAlternative(resultType, known) is { } alternative)
        {
            // Only a warning: a caller that never mutates the result is correct, but nothing stops the next one.
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.MutableCachedResult, ResultTypeLocation(method, cancellationToken), name.Value, resultType.ToDisplayString(SymbolFormats.Short), alternative));
        }

        var ttlText = StringArgument(attribute, 0);
        long ticks = 0;
        if (!TtlParser.TryParse(ttlText, out var ttl, out var ttlReason))
        {
            if (diagnostics is not null)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidTtl, AttributeArgumentLocator.Argument(attribute, "ttl", 0, cancellationToken), name.Value, ttlReason));
            }

            valid = false;
        }
        else
        {
            ticks = ttl.Ticks;
            if (diagnostics is not null && ttl > MaxReasonableTtl)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.VeryLongTtl, AttributeArgumentLocator.Argument(attribute, "ttl", 0, cancellationToken), name.Value, ttlText));
            }
        }

        var keyText = StringArgument(attribute, 1);
        var key = BindTemplate(method, attribute, keyText, "key", 1, known, diagnostics, cancellationToken);
        valid &= key is not null;

        if (diagnostics is not null && key is not null)
        {
            ReportParametersNotInKey(method, attribute, key, known, diagnostics, cancellationToken);
        }

        var cacheNulls = true;
        var speculativeLoad = false;
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == "CacheNulls" && named.Value.Value is bool flag)
            {
                cacheNulls = flag;
            }
            else if (named.Key == "SpeculativeLoad" && named.Value.Value is bool speculative)
            {
                speculativeLoad = speculative;
            }
        }

        if (!valid || key is null || resultType is null)
        {
            return null;
        }

        return new CachedModel(ttlText!, ticks, key, cacheNulls, SymbolFormats.Qualified(resultType), speculativeLoad);
    }

    private static readonly TimeSpan MaxReasonableTtl = TimeSpan.FromDays(30);

    private static void ReportConflictingAttributes(IMethodSymbol method, Lazy<string> name, AttributeData? cached, List<AttributeData> invalidates, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        if (cached is not null && invalidates.Count > 0)
        {
            // The decorator treats the method as cached; its [Invalidates] would never run.
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.ConflictingAttributes, method.Locations.FirstOrDefault(), name.Value, "has both [Cached] and [Invalidates]; the [Invalidates] attributes are ignored. A read should not invalidate: move them to the method that writes"));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var attribute in invalidates)
        {
            var text = StringArgument(attribute, 0);
            if (text is not null && !seen.Add(text))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.ConflictingAttributes, AttributeArgumentLocator.Argument(attribute, "key", 0, cancellationToken), name.Value, $"repeats [Invalidates(\"{text}\")]; remove the duplicate"));
            }
        }
    }

    private static void ReportParametersNotInKey(IMethodSymbol method, AttributeData attribute, KeyTemplateModel key, KnownTypes known, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        foreach (var parameter in method.Parameters)
        {
            if (IsCancellationToken(parameter.Type, known) || key.RootOrdinals.Contains(parameter.Ordinal))
            {
                continue;
            }

            var location = AttributeArgumentLocator.Argument(attribute, "key", 1, cancellationToken);
            diagnostics.Add(Diagnostic.Create(
                DiagnosticDescriptors.ParameterNotInKey,
                location,
                System.Collections.Immutable.ImmutableDictionary<string, string?>.Empty.Add("Parameter", parameter.Name),
                parameter.Name,
                SimpleName(method),
                key.Text));
        }
    }

    /// <summary>Parses a template and binds each placeholder to a parameter (and member path). Null when invalid.</summary>
    private static KeyTemplateModel? BindTemplate(IMethodSymbol method, AttributeData attribute, string? text, string parameterName, int position, KnownTypes known, List<Diagnostic>? diagnostics, CancellationToken cancellationToken, bool allowPrefix = false)
    {
        if (text is null)
        {
            // Not a constant string: the compiler already reports the attribute argument.
            return null;
        }

        if (!KeyTemplateParser.TryParse(text, out var tokens, out var error, allowPrefix))
        {
            if (diagnostics is not null)
            {
                var location = error.Length == 0
                    ? AttributeArgumentLocator.Argument(attribute, parameterName, position, cancellationToken)
                    : AttributeArgumentLocator.InsideString(attribute, parameterName, position, error.Start, error.Length, cancellationToken);
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.MalformedTemplate, location, text, error.Reason));
            }

            return null;
        }

        var valid = true;
        var segments = new List<KeySegmentModel>();
        var roots = new List<ParameterModel>();
        var ordinals = new List<int>();
        foreach (var token in tokens)
        {
            if (!token.IsPlaceholder)
            {
                segments.Add(new KeySegmentModel(token.Text, string.Empty, ValueFormat.String, null, false, false));
                continue;
            }

            var path = token.Text.Split('.');
            var parameter = method.Parameters.FirstOrDefault(p => p.Name == path[0]);
            if (parameter is null)
            {
                if (diagnostics is not null)
                {
                    var suggestion = ClosestName(path[0], method.Parameters.Where(p => !IsCancellationToken(p.Type, known)).Select(p => p.Name));
                    var hint = suggestion is null ? string.Empty : $"; did you mean '<{suggestion}>'?";
                    var location = AttributeArgumentLocator.InsideString(attribute, parameterName, position, token.Start, token.Length, cancellationToken);
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.UnknownPlaceholder, location, ImmutableDictionaryFor(suggestion), token.Text, SimpleName(method), hint));
                }

                valid = false;
                continue;
            }

            if (IsCancellationToken(parameter.Type, known))
            {
                if (diagnostics is not null)
                {
                    var location = AttributeArgumentLocator.InsideString(attribute, parameterName, position, token.Start, token.Length, cancellationToken);
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CancellationTokenInKey, location, token.Text));
                }

                valid = false;
                continue;
            }

            var segment = BindPath(parameter, path, known, out var valueType, out var problem);
            if (segment is null)
            {
                if (diagnostics is not null)
                {
                    var location = AttributeArgumentLocator.InsideString(attribute, parameterName, position, token.Start, token.Length, cancellationToken);
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.MemberPathNotFound, location, token.Text, problem));
                }

                valid = false;
                continue;
            }

            if (diagnostics is not null && segment.Format == ValueFormat.Object && TypeRules.UnstableTextReason(valueType, known) is { } unstable)
            {
                var location = AttributeArgumentLocator.InsideString(attribute, parameterName, position, token.Start, token.Length, cancellationToken);
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.UnstableKeyText, location, token.Text, valueType.ToDisplayString(SymbolFormats.Short), unstable));
            }

            segments.Add(segment);
            if (!roots.Any(r => r.Name == SymbolFormats.Identifier(parameter.Name)))
            {
                roots.Add(new ParameterModel(SymbolFormats.Identifier(parameter.Name), SymbolFormats.Qualified(parameter.Type), string.Empty, false));
                ordinals.Add(parameter.Ordinal);
            }
        }

        var isPrefix = allowPrefix && text.EndsWith(":*", StringComparison.Ordinal);
        return valid ? new KeyTemplateModel(text, segments.ToEquatableArray(), roots.ToEquatableArray(), ordinals.ToEquatableArray(), isPrefix) : null;
    }

    private static System.Collections.Immutable.ImmutableDictionary<string, string?> ImmutableDictionaryFor(string? suggestion)
        => suggestion is null
            ? System.Collections.Immutable.ImmutableDictionary<string, string?>.Empty
            : System.Collections.Immutable.ImmutableDictionary<string, string?>.Empty.Add("Suggestion", suggestion);

    /// <summary>Compiles <c>p.A.B</c> into <c>p?.A?.B</c> (null-conditional where a hop can be null) and picks the append method.</summary>
    private static KeySegmentModel? BindPath(IParameterSymbol parameter, string[] path, KnownTypes known, out ITypeSymbol valueType, out string problem)
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
        var (format, formatString) = ChooseFormat(valueType, known);
        return new KeySegmentModel(null, expression, format, formatString, canBeNullResult, isNullableValue);
    }

    private static (ValueFormat Format, string? FormatString) ChooseFormat(ITypeSymbol type, KnownTypes known)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_String:
                return (ValueFormat.String, null);
            case SpecialType.System_Char:
                return (ValueFormat.Char, null);
            case SpecialType.System_Boolean:
                return (ValueFormat.Boolean, null);
            case SpecialType.System_Double:
            case SpecialType.System_Single:
                return (ValueFormat.SpanFormattable, "R");
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return (ValueFormat.SpanFormattable, null);
        }

        if (type.AllInterfaces.Any(static i => TypeNames.Is(i, "System", "ISpanFormattable")))
        {
            string? format = null;
            if (type.SpecialType == SpecialType.System_DateTime || TypeNames.Is(type, "System", "DateTimeOffset"))
            {
                format = "O";
            }
            else if (TypeNames.Is(type, "System", "TimeSpan"))
            {
                format = "c";
            }
            else if (TypeNames.Is(type, "System", "Guid"))
            {
                format = "D";
            }

            return (ValueFormat.SpanFormattable, format);
        }

        return (ValueFormat.Object, null);
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

    private static bool CanBeNull(ITypeSymbol type) => !type.IsValueType || UnderlyingNullable(type) is not null;

    private static ITypeSymbol? UnderlyingNullable(ITypeSymbol type)
        => type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } named ? named.TypeArguments[0] : null;

    private static bool IsCancellationToken(ITypeSymbol type, KnownTypes known) => TypeNames.Is(type, "System.Threading", "CancellationToken");

    /// <summary>The declared result type in source (T in Task&lt;T&gt;), where a result-type diagnostic belongs.</summary>
    private static Location? ResultTypeLocation(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration)
            {
                // Underline the result inside Task<...>/ValueTask<...>, which is what the user should change.
                var type = declaration.ReturnType;
                var generic = type switch
                {
                    GenericNameSyntax name => name,
                    QualifiedNameSyntax { Right: GenericNameSyntax name } => name,
                    AliasQualifiedNameSyntax { Name: GenericNameSyntax name } => name,
                    _ => null,
                };
                if (generic is { Identifier.ValueText: "Task" or "ValueTask", TypeArgumentList.Arguments.Count: 1 })
                {
                    type = generic.TypeArgumentList.Arguments[0];
                }

                return type.GetLocation();
            }
        }

        return method.Locations.FirstOrDefault();
    }

    internal static ReturnKind ClassifyReturn(IMethodSymbol method, KnownTypes known, out ITypeSymbol? resultType)
    {
        resultType = null;
        var type = method.ReturnType;
        if (method.ReturnsVoid)
        {
            return ReturnKind.Void;
        }

        if (TypeNames.Is(type, "System.Threading.Tasks", "Task"))
        {
            return ReturnKind.Task;
        }

        if (TypeNames.Is(type, "System.Threading.Tasks", "ValueTask"))
        {
            return ReturnKind.ValueTask;
        }

        if (type is INamedTypeSymbol { IsGenericType: true } named)
        {
            if (TypeNames.Is(named.OriginalDefinition, "System.Threading.Tasks", "Task`1"))
            {
                resultType = named.TypeArguments[0];
                return ReturnKind.TaskOfT;
            }

            if (TypeNames.Is(named.OriginalDefinition, "System.Threading.Tasks", "ValueTask`1"))
            {
                resultType = named.TypeArguments[0];
                return ReturnKind.ValueTaskOfT;
            }
        }

        resultType = type;
        return ReturnKind.Sync;
    }

    /// <summary>
    /// The method of <paramref name="type"/> that runs when <paramref name="member"/> is called through the interface.
    /// Roslyn names the base class's virtual method when the interface is implemented there; a call dispatches to
    /// the most derived override, which is the one whose attributes count.
    /// </summary>
    private static IMethodSymbol? Implementation(INamedTypeSymbol type, ISymbol member)
    {
        if (ImplementationLookup.Find(type, member) is not { } implementation)
        {
            return null;
        }

        if (!implementation.IsVirtual && !implementation.IsOverride && !implementation.IsAbstract)
        {
            return implementation;
        }

        for (var current = type; current is not null && !SymbolEqualityComparer.Default.Equals(current, implementation.ContainingType); current = current.BaseType)
        {
            foreach (var candidate in current.GetMembers(implementation.Name))
            {
                for (var overridden = (candidate as IMethodSymbol)?.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
                {
                    if (SymbolEqualityComparer.Default.Equals(overridden, implementation))
                    {
                        return (IMethodSymbol)candidate;
                    }
                }
            }
        }

        return implementation;
    }

    private static bool ImplementsInterfaceMember(IMethodSymbol method)
    {
        var type = method.ContainingType;
        foreach (var @interface in type.AllInterfaces)
        {
            foreach (var member in @interface.GetMembers())
            {
                if (member is IMethodSymbol && SymbolEqualityComparer.Default.Equals(Implementation(type, member), method))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Interfaces declaring a member implemented by an annotated method, with their base interfaces, in the class's order.</summary>
    private static List<INamedTypeSymbol> RelevantInterfaces(INamedTypeSymbol type, KnownTypes known)
    {
        var relevant = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var @interface in type.AllInterfaces)
        {
            foreach (var member in @interface.GetMembers())
            {
                if (member is IMethodSymbol && Implementation(type, member) is { } implementation && known.IsAnnotated(implementation))
                {
                    relevant.Add(@interface);
                    foreach (var baseInterface in @interface.AllInterfaces)
                    {
                        relevant.Add(baseInterface);
                    }

                    break;
                }
            }
        }

        return type.AllInterfaces.Where(relevant.Contains).ToList();
    }

    private static InterfaceMemberModel? ToInterfaceMember(INamedTypeSymbol type, INamedTypeSymbol @interface, ISymbol member, KnownTypes known)
    {
        if (member.IsStatic)
        {
            return null;
        }

        var interfaceName = SymbolFormats.Qualified(@interface);
        switch (member)
        {
            case IMethodSymbol { MethodKind: MethodKind.Ordinary } method:
                var implementation = Implementation(type, method);
                var implementedBy = implementation is not null && known.IsAnnotated(implementation) ? MethodId(implementation) : null;
                return new InterfaceMemberModel(
                    MemberKind.Method,
                    interfaceName,
                    SymbolFormats.Identifier(method.Name),
                    SymbolFormats.Qualified(method.ReturnType),
                    method.ReturnsByRefReadonly ? "ref readonly " : method.ReturnsByRef ? "ref " : string.Empty,
                    method.TypeParameters.Select(t => t.Name).ToEquatableArray(),
                    Parameters(method.Parameters, known),
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
                    Parameters(property.Parameters, known),
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

    private static EquatableArray<ParameterModel> Parameters(IEnumerable<IParameterSymbol> parameters, KnownTypes known)
        => parameters.Select(p => new ParameterModel(
                SymbolFormats.Identifier(p.Name),
                SymbolFormats.Qualified(p.Type),
                SymbolFormats.RefKindText(p.RefKind),
                IsCancellationToken(p.Type, known)))
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

        if (type.IsStatic)
        {
            return "it is static; make it an instance class that implements the repository interface";
        }

        if (type.IsAbstract)
        {
            return "it is abstract; annotate the methods of the concrete class that DI creates";
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

    private static string? StringArgument(AttributeData attribute, int index)
        => attribute.ConstructorArguments.Length > index && attribute.ConstructorArguments[index].Kind == TypedConstantKind.Primitive
            ? attribute.ConstructorArguments[index].Value as string
            : null;

    private static bool Report(List<Diagnostic>? diagnostics, DiagnosticDescriptor descriptor, Location? location, params object[] args)
    {
        diagnostics?.Add(Diagnostic.Create(descriptor, location ?? Location.None, args));
        return false;
    }

    private static string? ClosestName(string wanted, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = EditDistance.Between(wanted.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        // Suggest only plausible typos, not any parameter at all.
        return best is not null && bestDistance <= Math.Max(2, wanted.Length / 2) ? best : null;
    }
}
