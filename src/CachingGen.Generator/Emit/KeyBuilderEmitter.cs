using CachingGen.Keys;

namespace CachingGen.Generator.Emit;

/// <summary>Emits the public <c>*CacheKeys</c> class: one string builder and one span builder per template.</summary>
internal static class KeyBuilderEmitter
{
    public static void Emit(SourceWriter writer, RepositoryShell shell, KeyBuilderNames names)
    {
        var accessibility = shell.IsPublic ? "public" : "internal";
        writer.Line("/// <summary>");
        writer.Line($"/// Builds the cache keys of <see cref=\"{shell.FullyQualifiedName}\"/> exactly as its decorator does, so keys can be");
        writer.Line("/// read or invalidated by hand (<c>CachingGenCache.RemoveAsync</c>). Generated from the key templates.");
        writer.Line("/// </summary>");
        writer.Line(GeneratedCode.Attribute);
        writer.Open($"{accessibility} static class {GeneratedNames.KeysClass(shell)}");
        var first = true;
        foreach (var (name, template) in names.Builders)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            EmitBuilder(writer, name, template);
        }

        writer.Close();
    }

    /// <summary>Stack buffer size: the literal text plus room for the values, so most keys never touch the pool.</summary>
    public static int BufferSize(KeyTemplateModel template)
    {
        var estimate = template.Segments.Sum(s => s.Literal?.Length ?? 24);
        return estimate <= 64 ? 64 : estimate <= 128 ? 128 : 256;
    }

    /// <param name="withString">Whether to write <c>{name}(…)</c>, which returns the key as a string, besides
    /// <c>Append{name}</c>; an interceptor's cached body only appends, and a build compiles what is written.</param>
    public static void EmitBuilder(SourceWriter writer, string name, KeyTemplateModel template, bool withString = true)
    {
        var parameters = string.Join(", ", template.Roots.Select(r => $"{r.Type} {r.Name}"));
        var arguments = string.Join(", ", template.Roots.Select(r => r.Name));
        var keyName = Identifiers.Unique("key", template.Roots.Select(r => r.Name));
        var xmlTemplate = CSharpText.Xml(template.Text);

        if (withString)
        {
            writer.Line(template.IsPrefix
                ? $"/// <summary>The prefix <c>{xmlTemplate}</c> (without the <c>*</c>): every key starting with it.</summary>"
                : $"/// <summary>The key <c>{xmlTemplate}</c>.</summary>");
            writer.Open($"public static string {name}({parameters})");
            writer.Line($"var {keyName} = new global::CachingGen.Infrastructure.CacheKeyBuilder(stackalloc char[{BufferSize(template)}]);");
            writer.Line($"Append{name}(ref {keyName}{(arguments.Length > 0 ? ", " + arguments : string.Empty)});");
            writer.Line($"return {keyName}.ToStringAndDispose();");
            writer.Close();
            writer.Line();
        }

        writer.Line($"/// <summary>Appends the key <c>{xmlTemplate}</c> to <paramref name=\"{keyName}\"/>.</summary>");
        writer.Open($"public static void Append{name}(ref global::CachingGen.Infrastructure.CacheKeyBuilder {keyName}{(parameters.Length > 0 ? ", " + parameters : string.Empty)})");
        var part = 0;
        for (var i = 0; i < template.Segments.Count; i++)
        {
            var segment = template.Segments[i];
            if (segment.Literal is not null)
            {
                writer.Line($"{keyName}.AppendLiteral({CSharpText.Literal(segment.Literal)});");
                continue;
            }

            EmitValue(writer, keyName, segment, Identifiers.Unique("part" + (++part), template.Roots.Select(r => r.Name).Append(keyName)), Terminator(template, i));
        }

        writer.Close();
    }

    /// <summary>
    /// The character the template puts after placeholder <paramref name="index"/>, as a C# literal, when the value must
    /// escape it (<c>'-'</c> in <c>&lt;a&gt;-&lt;b&gt;</c>); null when none follows or it is the separator, which every value escapes.
    /// </summary>
    private static string? Terminator(KeyTemplateModel template, int index)
        => index + 1 < template.Segments.Count
            && template.Segments[index + 1].Literal is { Length: > 0 } next
            && next[0] != KeyGrammar.Separator
                ? CSharpText.CharLiteral(next[0])
                : null;

    private static void EmitValue(SourceWriter writer, string keyName, KeySegmentModel segment, string local, string? terminator)
    {
        var tail = terminator is null ? string.Empty : ", " + terminator;
        if (segment.Format is ValueFormat.String or ValueFormat.Object)
        {
            // These append methods write the null token themselves.
            writer.Line($"{keyName}.{AppendMethod(segment.Format)}({segment.Expression}{tail});");
            return;
        }

        if (!segment.CanBeNull)
        {
            writer.Line($"{keyName}.{AppendCall(segment, segment.Expression, tail)};");
            return;
        }

        writer.Line($"var {local} = {segment.Expression};");
        writer.Line($"if ({local} is null) {keyName}.AppendNull();");
        writer.Line($"else {keyName}.{AppendCall(segment, segment.IsNullableValueType ? local + ".GetValueOrDefault()" : local, tail)};");
    }

    // Booleans are "true" or "false": a terminator (never a letter) cannot occur in them, so it is not passed.
    private static string AppendCall(KeySegmentModel segment, string value, string tail) => segment.Format switch
    {
        ValueFormat.Boolean => $"AppendBoolean({value})",
        ValueFormat.SpanFormattable when tail.Length > 0 => $"AppendFormatted({value}, {(segment.FormatString is null ? "null" : CSharpText.Literal(segment.FormatString))}{tail})",
        ValueFormat.SpanFormattable when segment.FormatString is not null => $"AppendFormatted({value}, {CSharpText.Literal(segment.FormatString)})",
        _ => $"{AppendMethod(segment.Format)}({value}{tail})",
    };

    private static string AppendMethod(ValueFormat format) => format switch
    {
        ValueFormat.String => "AppendString",
        ValueFormat.Char => "AppendChar",
        ValueFormat.Boolean => "AppendBoolean",
        ValueFormat.SpanFormattable => "AppendFormatted",
        _ => "AppendObject",
    };
}
