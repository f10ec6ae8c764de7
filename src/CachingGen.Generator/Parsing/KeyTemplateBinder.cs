using CachingGen.Generator.Text;
using CachingGen.Keys;

namespace CachingGen.Generator.Parsing;

/// <summary>
/// Binds a key template to a method: each placeholder to a parameter and member path, compiled to the expression
/// that reads its value and the way to append it. Reports each bad placeholder at its characters in the literal.
/// </summary>
internal sealed partial class KeyTemplateBinder
{
    private readonly DiagnosticSink _sink;
    private readonly CancellationToken _cancellationToken;

    public KeyTemplateBinder(DiagnosticSink sink, CancellationToken cancellationToken)
    {
        _sink = sink;
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// Parses the template written in <paramref name="argument"/> and binds it to <paramref name="method"/>'s
    /// parameters. Null when invalid. <paramref name="allowPrefix"/>: an <c>[Invalidates]</c> template, which may end in <c>:*</c>.
    /// </summary>
    public KeyTemplateModel? Bind(IMethodSymbol method, AttributeArgument argument, bool allowPrefix = false)
    {
        var text = argument.Text;
        if (text is null)
        {
            // Not a constant string: the compiler already reports the attribute argument.
            return null;
        }

        if (!KeyTemplateParser.TryParse(text, out var tokens, out var error, allowPrefix))
        {
            if (_sink.IsEnabled)
            {
                ReportMalformed(argument, text, error);
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

            var segment = BindPlaceholder(method, argument, token, out var parameter);
            if (segment is null || parameter is null)
            {
                valid = false;
                continue;
            }

            segments.Add(segment);
            if (!roots.Any(r => r.Name == SymbolFormats.Identifier(parameter.Name)))
            {
                roots.Add(new ParameterModel(SymbolFormats.Identifier(parameter.Name), SymbolFormats.Qualified(parameter.Type), string.Empty, false));
                ordinals.Add(parameter.Ordinal);
            }
        }

        var isPrefix = allowPrefix && KeyGrammar.IsPrefixTemplate(text);
        return valid ? new KeyTemplateModel(text, segments.ToEquatableArray(), roots.ToEquatableArray(), ordinals.ToEquatableArray(), isPrefix) : null;
    }

    /// <summary>
    /// CG0002. Every <c>{name}</c> is reported, each with its replacement for the code fix, so that one fix-all
    /// pass mends a template such as <c>"h:{id}:{kind}"</c>; any other malformation is reported where the parser stopped.
    /// </summary>
    private void ReportMalformed(AttributeArgument argument, string text, TemplateError error)
    {
        var braces = KeyTemplateParser.FindBracePlaceholders(text);
        if (braces.Count == 0)
        {
            var location = error.Length == 0 ? argument.Location(_cancellationToken) : argument.Inside(error.Start, error.Length, _cancellationToken);
            _sink.Report(DiagnosticDescriptors.MalformedTemplate, location, text, error.Reason);
            return;
        }

        foreach (var brace in braces)
        {
            var properties = brace.Replacement is null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Replacement, brace.Replacement);
            _sink.Report(DiagnosticDescriptors.MalformedTemplate, argument.Inside(brace.Error.Start, brace.Error.Length, _cancellationToken), properties, text, brace.Error.Reason);
        }
    }

    /// <summary>One placeholder bound to its parameter (and member path); null, reported, when it cannot be.</summary>
    private KeySegmentModel? BindPlaceholder(IMethodSymbol method, AttributeArgument argument, TemplateToken token, out IParameterSymbol? parameter)
    {
        var path = token.Text.Split(KeyGrammar.MemberSeparator);
        parameter = method.Parameters.FirstOrDefault(p => p.Name == path[0]);
        if (parameter is null)
        {
            if (_sink.IsEnabled)
            {
                var hint = DidYouMean.PlaceholderHint(path[0], method.Parameters.Where(p => !TypeRules.IsCancellationToken(p.Type)).Select(p => p.Name).ToList(), out var suggestion);
                var properties = suggestion is null
                    ? ImmutableDictionary<string, string?>.Empty
                    : ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Suggestion, suggestion);
                _sink.Report(DiagnosticDescriptors.UnknownPlaceholder, Inside(argument, token), properties, token.Text, SymbolFormats.SimpleName(method), hint);
            }

            return null;
        }

        if (TypeRules.IsCancellationToken(parameter.Type))
        {
            if (_sink.IsEnabled)
            {
                _sink.Report(DiagnosticDescriptors.CancellationTokenInKey, Inside(argument, token), token.Text);
            }

            return null;
        }

        var segment = BindPath(parameter, path, out var valueType, out var problem);
        if (segment is null)
        {
            if (_sink.IsEnabled)
            {
                _sink.Report(DiagnosticDescriptors.MemberPathNotFound, Inside(argument, token), token.Text, problem);
            }

            return null;
        }

        // Only a warning, so only worth its cost when someone listens.
        if (_sink.IsEnabled && segment.Format == ValueFormat.Object && TypeRules.UnstableTextReason(valueType) is { } unstable)
        {
            _sink.Report(DiagnosticDescriptors.UnstableKeyText, Inside(argument, token), token.Text, valueType.ToDisplayString(SymbolFormats.Short), unstable, StableTextAdvice.Remedy(valueType, token.Text));
        }

        return segment;
    }

    private Location Inside(AttributeArgument argument, TemplateToken token) => argument.Inside(token.Start, token.Length, _cancellationToken);

    private static (ValueFormat Format, string? FormatString) ChooseFormat(ITypeSymbol type)
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

    private static bool CanBeNull(ITypeSymbol type) => !type.IsValueType || UnderlyingNullable(type) is not null;

    private static ITypeSymbol? UnderlyingNullable(ITypeSymbol type)
        => type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } named ? named.TypeArguments[0] : null;
}
