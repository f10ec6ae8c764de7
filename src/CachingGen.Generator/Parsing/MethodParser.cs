using CachingGen.Generator.Hashing;

namespace CachingGen.Generator.Parsing;

/// <summary>
/// One annotated method: its shape (static, generic, by-ref, reachable through an interface), its return, and its
/// <c>[Cached]</c> policy or <c>[Invalidates]</c> templates, compiled into a <see cref="MethodModel"/>.
/// </summary>
internal sealed class MethodParser(DiagnosticSink sink, bool interceptors, CancellationToken cancellationToken)
{
    private static readonly TimeSpan MaxReasonableTtl = TimeSpan.FromDays(30);

    private readonly DiagnosticSink _sink = sink;
    private readonly CancellationToken _cancellationToken = cancellationToken;
    private readonly bool _interceptors = interceptors;
    private readonly KeyTemplateBinder _binder = new(sink, cancellationToken);

    /// <summary>Method-level checks and the compiled cache policy. Null when the method is invalid.</summary>
    public MethodModel? Parse(IMethodSymbol method)
    {
        // Display names only feed diagnostic messages: formatted when one is reported, not for every method.
        var name = new Lazy<string>(() => method.ToDisplayString(SymbolFormats.Short), LazyThreadSafetyMode.None);
        var location = method.Locations.FirstOrDefault();
        if (method.ContainingType.TypeKind == TypeKind.Interface)
        {
            // Nothing else about the method matters until the attribute is where it is read; reported once.
            _sink.Report(DiagnosticDescriptors.UnsupportedMethodShape, location, name.Value, $"it is declared on an interface, and attributes on interface members are not read; move {AttributeNames.Describe(method)} to the method of the class that implements it");
            return null;
        }

        var valid = CheckShape(method, name, location);

        AttributeData? cachedAttribute = null;
        var invalidatesAttributes = new List<AttributeData>();
        foreach (var attribute in method.GetAttributes())
        {
            if (AttributeNames.IsCached(attribute))
            {
                cachedAttribute = attribute;
            }
            else if (AttributeNames.IsInvalidates(attribute))
            {
                invalidatesAttributes.Add(attribute);
            }
        }

        if (_sink.IsEnabled)
        {
            ReportConflictingAttributes(method, name, cachedAttribute, invalidatesAttributes);
        }

        var returns = ReturnShape.Of(method);
        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            valid = Invalid(DiagnosticDescriptors.UnsupportedReturnType, location, name.Value, method.ReturnType.ToDisplayString(SymbolFormats.Short), "CachingGen", "it returns by reference; return the value");
        }

        CachedModel? cached = null;
        if (cachedAttribute is not null)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            cached = ParseCached(method, name, cachedAttribute, returns);
            valid &= cached is not null;
        }

        var invalidates = new List<KeyTemplateModel>();
        foreach (var attribute in invalidatesAttributes)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var template = _binder.Bind(method, AttributeArguments.InvalidatesKey(attribute), allowPrefix: true);
            if (template is null)
            {
                valid = false;
            }
            else
            {
                invalidates.Add(template);
            }
        }

        if (cachedAttribute is null && invalidatesAttributes.Count > 0 && method.ReturnType.IsRefLikeType)
        {
            valid = Invalid(DiagnosticDescriptors.UnsupportedReturnType, location, name.Value, method.ReturnType.ToDisplayString(SymbolFormats.Short), "[Invalidates]", "a ref struct cannot be held while the keys are removed");
        }

        if (!valid || (cached is null && invalidates.Count == 0))
        {
            return null;
        }

        var simpleName = SymbolFormats.SimpleName(method);
        return new MethodModel(
            SymbolFormats.MethodId(method),
            simpleName,
            method.ContainingType.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat) + "." + simpleName,
            method.ContainingType.GetMembers().IndexOf(method),
            returns.Kind,
            cached,
            invalidates.ToEquatableArray());
    }

    /// <summary>What makes a method impossible to decorate, whatever its attributes say (CG0007, CG0004).</summary>
    private bool CheckShape(IMethodSymbol method, Lazy<string> name, Location? location)
    {
        var valid = true;

        // Static methods and methods outside interfaces are valid: interceptors cache the calls made on the class.
        // Only without interceptors can nothing cache them, which is an error (the models stay the same).
        if (method.IsStatic && !_interceptors)
        {
            _sink.Report(DiagnosticDescriptors.UnsupportedMethodShape, location, name.Value, "it is static, and interceptors are off in this project (CachingGenInterceptors), so nothing can cache its calls; turn interceptors on, or make it an instance method of the repository interface");
        }

        if (method.IsGenericMethod)
        {
            valid = Invalid(DiagnosticDescriptors.UnsupportedMethodShape, location, name.Value, "it is generic; give each type its own non-generic method");
        }

        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None)
            {
                valid = Invalid(DiagnosticDescriptors.UnsupportedMethodShape, parameter.Locations.FirstOrDefault() ?? location, name.Value, $"parameter '{parameter.Name}' is passed by reference ({SymbolFormats.RefKindText(parameter.RefKind).Trim()}); pass it by value");
            }
            else if (parameter.Type.TypeKind == TypeKind.Pointer || parameter.Type.TypeKind == TypeKind.FunctionPointer)
            {
                valid = Invalid(DiagnosticDescriptors.UnsupportedMethodShape, parameter.Locations.FirstOrDefault() ?? location, name.Value, $"parameter '{parameter.Name}' is a pointer");
            }
        }

        // In an abstract class the class-level CG0008 says what is wrong (the concrete class is what is decorated);
        // "implements no interface" would be wrong whenever the concrete class brings the interface.
        if (!_interceptors && _sink.IsEnabled && !method.IsStatic && !method.ContainingType.IsAbstract && !ImplementationLookup.ImplementsInterfaceMember(method))
        {
            _sink.Report(DiagnosticDescriptors.NotReachableThroughInterface, location, name.Value, method.ContainingType.ToDisplayString(SymbolFormats.Short));
        }
        else if (_interceptors && _sink.IsEnabled && !method.IsGenericMethod && NoEffectRule.Reason(method) is { } noEffect)
        {
            // A warning: the attribute compiles and does nothing, which is what a build must print.
            _sink.Report(DiagnosticDescriptors.NoEffect, location, AttributeNames.Describe(method), name.Value, noEffect);
        }

        return valid;
    }

    private CachedModel? ParseCached(IMethodSymbol method, Lazy<string> name, AttributeData attribute, ReturnShape returns)
    {
        var valid = true;
        var location = method.Locations.FirstOrDefault();
        var resultType = returns.ResultType;
        if (returns.Kind is ReturnKind.Void or ReturnKind.Task or ReturnKind.ValueTask)
        {
            valid = Invalid(DiagnosticDescriptors.UnsupportedReturnType, location, name.Value, method.ReturnType.ToDisplayString(SymbolFormats.Short), "[Cached]", "there is no result to cache; return Task<T>, ValueTask<T> or T");
        }
        else if (resultType is null || resultType.IsRefLikeType || resultType.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
        {
            valid = Invalid(DiagnosticDescriptors.UnsupportedReturnType, location, name.Value, method.ReturnType.ToDisplayString(SymbolFormats.Short), "[Cached]", "a ref struct or pointer cannot be stored");
        }
        else if (TypeRules.UncacheableResultReason(resultType) is { } uncacheable)
        {
            valid = Invalid(DiagnosticDescriptors.UnsupportedReturnType, location, name.Value, method.ReturnType.ToDisplayString(SymbolFormats.Short), "[Cached]", uncacheable);
        }
        else if (_sink.IsEnabled && TypeRules.ReadOnlyAlternative(resultType) is { } alternative)
        {
            // Only a warning: a caller that never mutates the result is correct, but nothing stops the next one.
            _sink.Report(DiagnosticDescriptors.MutableCachedResult, ReturnShape.ResultTypeLocation(method, _cancellationToken), name.Value, resultType.ToDisplayString(SymbolFormats.Short), alternative);
        }
        else if (_sink.IsEnabled && TypeRules.FirstSettableMember(resultType) is { } settable)
        {
            // A warning like CG0014: the in-process level shares the instance, Redis copies it, so a change made by
            // one caller is seen by others on one level and not on the other.
            _sink.Report(DiagnosticDescriptors.SettableCachedResult, ReturnShape.ResultTypeLocation(method, _cancellationToken), name.Value, resultType.ToDisplayString(SymbolFormats.Short), settable);
        }

        var ttlArgument = AttributeArguments.CachedTtl(attribute);
        var ttlText = ttlArgument.Text;
        long ticks = 0;
        var ttl = TtlParser.Parse(ttlText);
        if (!ttl.IsValid)
        {
            if (_sink.IsEnabled)
            {
                _sink.Report(DiagnosticDescriptors.InvalidTtl, ttlArgument.Location(_cancellationToken), TtlProperties(ttl), name.Value, ttl.Reason);
            }

            valid = false;
        }
        else
        {
            ticks = ttl.Ttl.Ticks;
            if (_sink.IsEnabled && ttl.Ttl > MaxReasonableTtl)
            {
                _sink.Report(DiagnosticDescriptors.VeryLongTtl, ttlArgument.Location(_cancellationToken), name.Value, ttlText);
            }
        }

        var policy = new PolicyParser(_sink, _cancellationToken).Parse(method, name, attribute, returns.Kind, resultType, ticks, ref valid);

        var keyArgument = AttributeArguments.CachedKey(attribute);
        var key = _binder.Bind(method, keyArgument);
        valid &= key is not null;
        if (_sink.IsEnabled && key is not null)
        {
            ReportParametersNotInKey(method, keyArgument, key);
        }

        if (!valid || key is null || resultType is null)
        {
            return null;
        }

        return new CachedModel(ttlText!, ticks, key, AttributeArguments.CacheNulls(attribute), SymbolFormats.Qualified(resultType), AttributeArguments.SpeculativeLoad(attribute), ResultShapeHash.Of(resultType, _cancellationToken), policy);
    }

    /// <summary>CG0003's properties: the spellings the code fix offers, when the parser could tell what was meant.</summary>
    private static ImmutableDictionary<string, string?> TtlProperties(TtlParseResult ttl)
        => ttl.Suggestions.IsEmpty
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.TtlSuggestions, string.Join(DiagnosticProperties.TtlSuggestionSeparator, ttl.Suggestions));

    /// <summary>CG0012: attributes that contradict or repeat each other. Warnings only: they change nothing the decorator does.</summary>
    private void ReportConflictingAttributes(IMethodSymbol method, Lazy<string> name, AttributeData? cached, List<AttributeData> invalidates)
    {
        if (cached is not null && invalidates.Count > 0)
        {
            // The decorator treats the method as cached; its [Invalidates] would never run.
            _sink.Report(DiagnosticDescriptors.ConflictingAttributes, method.Locations.FirstOrDefault(), name.Value, "has both [Cached] and [Invalidates]; the [Invalidates] attributes are ignored. A read should not invalidate: move them to the method that writes");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var attribute in invalidates)
        {
            var argument = AttributeArguments.InvalidatesKey(attribute);
            if (argument.Text is { } text && !seen.Add(text))
            {
                _sink.Report(DiagnosticDescriptors.ConflictingAttributes, argument.Location(_cancellationToken), name.Value, $"repeats [Invalidates(\"{text}\")]; remove the duplicate");
            }
        }
    }

    /// <summary>CG0011: a parameter the key leaves out, so calls that differ only in it share one entry.</summary>
    private void ReportParametersNotInKey(IMethodSymbol method, AttributeArgument keyArgument, KeyTemplateModel key)
    {
        foreach (var parameter in method.Parameters)
        {
            if (TypeRules.IsCancellationToken(parameter.Type) || key.RootOrdinals.Contains(parameter.Ordinal))
            {
                continue;
            }

            _sink.Report(
                DiagnosticDescriptors.ParameterNotInKey,
                keyArgument.Location(_cancellationToken),
                ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Parameter, parameter.Name),
                parameter.Name,
                SymbolFormats.SimpleName(method),
                key.Text);
        }
    }

    /// <summary>Reports an error that makes the method invalid; returns false, for <c>valid = Invalid(...)</c>.</summary>
    private bool Invalid(DiagnosticDescriptor descriptor, Location? location, params object?[] args)
    {
        _sink.Report(descriptor, location, args);
        return false;
    }
}
