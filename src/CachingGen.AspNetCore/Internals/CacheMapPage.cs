using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using CachingGen.Diagnostics;

namespace CachingGen.AspNetCore.Internals;

/// <summary>
/// The cache map as a page an operator can look at: the reads on the left with their key template, TTL, live hit ratio
/// and load time, the writes on the right, and a line from each write to every read it invalidates. Rendered on the
/// server (no script, nothing fetched by the page, so the endpoints' authorization covers it whole); refreshes itself.
/// </summary>
internal static class CacheMapPage
{
    private const int BoxWidth = 600;
    private const int ReadHeight = 78;
    private const int WriteHeight = 58;
    private const int Gap = 14;
    private const int WritesX = 800;

    public static string Render(IReadOnlyList<CacheMapEntry> map, string path)
    {
        var reads = map.Where(e => e.Kind == CacheMethodKind.Cached).ToList();
        var writes = map.Where(e => e.Kind == CacheMethodKind.Invalidating).ToList();
        var readY = reads.Select((_, i) => 40 + (i * (ReadHeight + Gap))).ToList();
        var writeY = writes.Select((_, i) => 40 + (i * (WriteHeight + Gap))).ToList();
        var height = Math.Max(readY.LastOrDefault() + ReadHeight, writeY.LastOrDefault() + WriteHeight) + 30;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"10\">")
            .Append("<title>CachingGen cache map</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:24px;color:#1f2933}h1{font-size:20px}")
            .Append("svg text{font-size:12px}svg text.small{font-size:10.5px}svg .name{font-weight:600;font-size:13px}.read rect{fill:#e8f1fb;stroke:#3b7dd8}")
            .Append(".write rect{fill:#fdf1e6;stroke:#d9822b}line{stroke:#d9822b;stroke-width:1.5;opacity:.7}")
            .Append("table{border-collapse:collapse;margin-top:24px}td,th{border:1px solid #cbd2d9;padding:4px 8px;text-align:left}td.n{text-align:right}")
            .Append("</style></head><body>");
        html.Append("<h1>CachingGen cache map</h1><p>Reads (<code>[Cached]</code>) on the left with their live hit ratio and the mean time of a repository call; writes (<code>[Invalidates]</code>) on the right, with a line to each read whose keys they remove. This page refreshes every 10 s; the same data: <a href=\"")
            .Append(Encode(path.TrimEnd('/'))).Append("/map.json\">map.json</a>.</p>");
        html.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WritesX + BoxWidth + 20}\" height=\"{height}\" role=\"img\" aria-label=\"cache map\">");
        html.Append("<text x=\"0\" y=\"20\" class=\"name\">reads</text>").Append(CultureInfo.InvariantCulture, $"<text x=\"{WritesX}\" y=\"20\" class=\"name\">writes</text>");
        for (var w = 0; w < writes.Count; w++)
        {
            foreach (var target in writes[w].Related)
            {
                var r = reads.FindIndex(e => e.Method == target);
                if (r >= 0)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<line data-from=\"{Encode(writes[w].Method)}\" data-to=\"{Encode(target)}\" x1=\"{WritesX}\" y1=\"{writeY[w] + (WriteHeight / 2)}\" x2=\"{BoxWidth}\" y2=\"{readY[r] + (ReadHeight / 2)}\"/>");
                }
            }
        }

        for (var i = 0; i < reads.Count; i++)
        {
            var e = reads[i];
            var s = e.Statistics;
            html.Append(CultureInfo.InvariantCulture, $"<g class=\"read\" data-method=\"{Encode(e.Method)}\"><rect x=\"0\" y=\"{readY[i]}\" width=\"{BoxWidth}\" height=\"{ReadHeight}\" rx=\"6\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"name\" x=\"10\" y=\"{readY[i] + 18}\">{Encode(Short(e.Method))}</text>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"{readY[i] + 36}\">{Encode(e.KeyTemplates[0])} · TTL {Encode(Duration(e.Ttl))}</text>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"{readY[i] + 54}\">hit ratio <tspan data-field=\"hit-ratio\">{Percent(s.HitRatio)}</tspan> · load <tspan data-field=\"load-ms\">{Milliseconds(s.AverageLoadTime)}</tspan> ms · {s.Hits:N0} hits, {s.Misses:N0} misses</text>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"small\" x=\"10\" y=\"{readY[i] + 70}\">{Encode(e.ResultType ?? string.Empty)}{(e.Policy is null ? string.Empty : " · " + Encode(e.Policy))}</text></g>");
        }

        for (var i = 0; i < writes.Count; i++)
        {
            var e = writes[i];
            html.Append(CultureInfo.InvariantCulture, $"<g class=\"write\" data-method=\"{Encode(e.Method)}\"><rect x=\"{WritesX}\" y=\"{writeY[i]}\" width=\"{BoxWidth}\" height=\"{WriteHeight}\" rx=\"6\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"name\" x=\"{WritesX + 10}\" y=\"{writeY[i] + 18}\">{Encode(Short(e.Method))}</text>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"small\" x=\"{WritesX + 10}\" y=\"{writeY[i] + 36}\">{Encode(string.Join(", ", e.KeyTemplates))}</text>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{WritesX + 10}\" y=\"{writeY[i] + 52}\">{e.Statistics.Invalidations:N0} invalidations</text></g>");
        }

        html.Append("</svg>");
        html.Append("<table><thead><tr><th>method</th><th>kind</th><th>key templates</th><th>TTL</th><th>hits</th><th>misses</th><th>hit ratio</th><th>stale</th><th>mean load (ms)</th><th>invalidations</th><th>related</th></tr></thead><tbody>");
        foreach (var e in map)
        {
            var s = e.Statistics;
            html.Append(CultureInfo.InvariantCulture, $"<tr data-method=\"{Encode(e.Method)}\"><td>{Encode(e.Method)}</td><td>{(e.Kind == CacheMethodKind.Cached ? "read" : "write")}</td><td>{Encode(string.Join(", ", e.KeyTemplates))}</td><td>{Encode(e.Kind == CacheMethodKind.Cached ? Duration(e.Ttl) : string.Empty)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"n\" data-field=\"hits\">{s.Hits}</td><td class=\"n\" data-field=\"misses\">{s.Misses}</td><td class=\"n\" data-field=\"hit-ratio\">{Percent(s.HitRatio)}</td><td class=\"n\" data-field=\"stale\">{s.Stale}</td><td class=\"n\" data-field=\"load-ms\">{Milliseconds(s.AverageLoadTime)}</td><td class=\"n\" data-field=\"invalidations\">{s.Invalidations}</td><td>{Encode(string.Join(", ", e.Related.Select(Short)))}</td></tr>");
        }

        html.Append("</tbody></table></body></html>");
        return html.ToString();
    }

    /// <summary><c>Class.Method</c> of <c>Namespace.Class.Method</c>: what fits in a box.</summary>
    private static string Short(string method)
    {
        var last = method.LastIndexOf('.');
        var previous = last > 0 ? method.LastIndexOf('.', last - 1) : -1;
        return previous >= 0 ? method[(previous + 1)..] : method;
    }

    private static string Percent(double ratio) => (ratio * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Milliseconds(TimeSpan time) => time.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan ttl) => ttl.ToString("c", CultureInfo.InvariantCulture);

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
