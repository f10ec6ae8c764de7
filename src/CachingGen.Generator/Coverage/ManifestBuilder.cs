using System.Text;
using CachingGen.Generator.Parsing;

namespace CachingGen.Generator.Coverage;

/// <summary>
/// The cache manifest of an assembly, as JSON: every cached method (key template, TTL, result type, tables read, the
/// placeholders its WHERE pins to a column), every writer (tables written, templates invalidated) and a verdict for
/// each (writer, read) pair that share a table.
/// Deterministic (sorted), so a pull request shows exactly how caching changed. ';' and '%' are written as JSON escapes
/// (earlier builds copied the text through MSBuild items, which read them as separators and escapes; kept so that
/// manifests do not change).
/// </summary>
internal static class ManifestBuilder
{
    public static string Build(string assembly, IEnumerable<CoverageMethodModel> all)
    {
        var methods = all.OrderBy(m => m.Method, StringComparer.Ordinal).ToList();
        var reads = methods.Where(m => m.CachedKey is not null).ToList();
        var writers = methods.Where(m => m.CachedKey is null && m.Tables is { } t && (t.Writes.Count > 0 || t.Inserts.Count > 0)).ToList();
        var json = new StringBuilder();
        json.Append("{\n  \"assembly\": ").Append(Text(assembly)).Append(",\n  \"cached\": [");
        json.Append(string.Join(",", reads.Select(r =>
            $"\n    {{ \"method\": {Text(r.Method)}, \"key\": {Text(r.CachedKey)}, \"ttl\": {Text(r.Ttl)}, \"resultType\": {Text(r.ResultType)}, \"reads\": {List(r.Tables?.Reads)}, \"bindings\": {Bindings(r)}, \"unknown\": {Text(Unknown(r))} }}")));
        json.Append("\n  ],\n  \"writers\": [");
        json.Append(string.Join(",", methods.Where(m => m.CachedKey is null && (m.Invalidates.Count > 0 || m.Tables is { } t && (t.Writes.Count > 0 || t.Inserts.Count > 0 || t.Unknown is not null))).Select(w =>
            $"\n    {{ \"method\": {Text(w.Method)}, \"writes\": {List(w.Tables?.Writes)}, \"inserts\": {List(w.Tables?.Inserts)}, \"invalidates\": {List(w.Invalidates)}, \"unknown\": {Text(Unknown(w))} }}")));
        json.Append("\n  ],\n  \"coverage\": [");
        var verdicts = new List<string>();
        var byTable = new ReadsByTable(reads.Select(r => r.Tables));
        var shapes = new Dictionary<string, KeyShape?>(StringComparer.Ordinal);
        KeyShape? Shape(string template) => shapes.TryGetValue(template, out var shape) ? shape : shapes[template] = KeyShape.TryCreate(template);
        foreach (var writer in writers)
        {
            foreach (var read in byTable.For(writer.Tables!).Select(i => reads[i]))
            {
                var verdict = Verdict(writer, read, Shape, out var table);
                if (verdict is not null)
                {
                    verdicts.Add($"\n    {{ \"writer\": {Text(writer.Method)}, \"read\": {Text(read.Method)}, \"table\": {Text(table)}, \"verdict\": {Text(verdict)} }}");
                }
            }
        }

        json.Append(string.Join(",", verdicts)).Append("\n  ]\n}\n");
        return json.ToString();
    }

    /// <summary>
    /// <c>invalidated</c>, <c>missing</c> (CG0029), or <c>new-rows-only</c> (an insert whose new keys the read cannot
    /// have cached); null when the write cannot change the read (<see cref="CoverageJudge"/>, the analyzer's rule).
    /// </summary>
    private static string? Verdict(CoverageMethodModel writer, CoverageMethodModel read, Func<string, KeyShape?> shapeOf, out string? table)
    {
        table = null;
        if (read.Tables is null || writer.Tables is null || read.CachedKey is null)
        {
            return null;
        }

        var effect = CoverageJudge.Judge(read.Tables, writer.Tables, read.CachedKey, writer.Names.Items, out table);
        if (effect == CoverageEffect.None)
        {
            return null;
        }

        // Each template is parsed once per manifest, not once per pair that meets in a table.
        var shape = shapeOf(read.CachedKey);
        if (shape is not null && writer.Invalidates.Any(t => shapeOf(t) is { } other && KeyShape.Overlaps(shape, other)))
        {
            return "invalidated";
        }

        return effect == CoverageEffect.NewRowsOnly ? "new-rows-only" : "missing";
    }

    /// <summary>Why the tables are not all known: what the SQL analysis said, or that no SQL was found at all (never "nothing").</summary>
    private static string? Unknown(CoverageMethodModel method)
        => method.Tables is { } tables ? tables.Unknown : "no SQL the analysis can read was found in its body (another data source, or SQL passed in); state its tables with [ReadsTable]/[WritesTable]";

    /// <summary>The read's key placeholders pinned to a column of a table it reads (<see cref="KeyBindings"/>), for the change feed.</summary>
    private static string Bindings(CoverageMethodModel read)
        => "[" + string.Join(", ", read.Bindings.Select(b => $"{{ \"placeholder\": {Text(b.Placeholder)}, \"table\": {Text(b.Table)}, \"column\": {Text(b.Column)}, \"type\": {Text(b.Type)} }}")) + "]";

    private static string List(IEnumerable<string>? items) => "[" + string.Join(", ", (items ?? []).Select(Text)) + "]";

    private static string Text(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                ';' => text.Append("\\u003b"),
                '%' => text.Append("\\u0025"),
                < ' ' => text.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)),
                _ => text.Append(c),
            };
        }

        return text.Append('"').ToString();
    }
}
