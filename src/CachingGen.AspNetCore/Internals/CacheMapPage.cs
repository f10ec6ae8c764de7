using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
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
    // Two columns of boxes that fit a 1,366 px screen (the drawing scales down below that, never overflows).
    private const int BoxWidth = 540;
    private const int ReadHeight = 64;
    private const int WriteHeight = 58;
    private const int LineHeight = 14;
    private const int Gap = 14;
    private const int WritesX = 720;

    /// <summary>Characters of 10.5 px text that fit in a box: policies longer than this wrap onto more lines.</summary>
    private const int SmallCharsPerLine = 84;

    /// <summary>The page's only style sheet; the Content-Security-Policy allows it by <see cref="StyleHash"/> and nothing else.</summary>
    private const string Style =
        "body{font-family:system-ui,sans-serif;margin:24px;color:#1f2933}h1{font-size:20px}svg{max-width:100%;height:auto}"
        + "svg text{font-size:12px}svg text.small{font-size:10.5px}svg .name{font-weight:600;font-size:13px}.read rect{fill:#e8f1fb;stroke:#3b7dd8}"
        + ".write rect{fill:#fdf1e6;stroke:#d9822b}line{stroke:#d9822b;stroke-width:1.5;opacity:.7}"
        + "table{border-collapse:collapse;margin-top:24px;width:100%;table-layout:auto}td,th{border:1px solid #cbd2d9;padding:4px 8px;text-align:left;overflow-wrap:anywhere}td.n{text-align:right;overflow-wrap:normal}";

    /// <summary>The CSP source that allows <see cref="Style"/>.</summary>
    public static readonly string StyleHash = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)));

    public static string Render(IReadOnlyList<CacheMapEntry> map, string path)
    {
        var reads = map.Where(e => e.Kind == CacheMethodKind.Cached).ToList();
        var writes = map.Where(e => e.Kind == CacheMethodKind.Invalidating).ToList();
        var details = reads.Select(Details).ToList();
        var readHeights = details.Select(lines => ReadHeight + (lines.Count * LineHeight)).ToList();
        var readY = new List<int>(reads.Count);
        for (var i = 0; i < reads.Count; i++)
        {
            readY.Add(i == 0 ? 40 : readY[i - 1] + readHeights[i - 1] + Gap);
        }

        var writeY = writes.Select((_, i) => 40 + (i * (WriteHeight + Gap))).ToList();
        var height = Math.Max(reads.Count == 0 ? 0 : readY[^1] + readHeights[^1], writeY.LastOrDefault() + WriteHeight) + 30;
        var width = WritesX + BoxWidth + 20;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"10\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width\"><title>CachingGen cache map</title><style>").Append(Style).Append("</style></head><body>");
        html.Append("<h1>CachingGen cache map</h1><p>Reads (<code>[Cached]</code>) on the left with their live hit ratio and the mean time of a repository call; writes (<code>[Invalidates]</code>) on the right, with a line to each read whose keys they remove. This page refreshes every 10 s; the same data: <a href=\"")
            .Append(Encode(path.TrimEnd('/'))).Append("/map.json\">map.json</a>.</p>");
        html.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"cache map\">");
        html.Append("<text x=\"0\" y=\"20\" class=\"name\">reads</text>").Append(CultureInfo.InvariantCulture, $"<text x=\"{WritesX}\" y=\"20\" class=\"name\">writes</text>");
        for (var w = 0; w < writes.Count; w++)
        {
            foreach (var target in writes[w].Related)
            {
                var r = reads.FindIndex(e => e.Method == target);
                if (r >= 0)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<line data-from=\"{Encode(writes[w].Method)}\" data-to=\"{Encode(target)}\" x1=\"{WritesX}\" y1=\"{writeY[w] + (WriteHeight / 2)}\" x2=\"{BoxWidth}\" y2=\"{readY[r] + (readHeights[r] / 2)}\"/>");
                }
            }
        }

        for (var i = 0; i < reads.Count; i++)
        {
            var e = reads[i];
            var s = e.Statistics;
            html.Append(CultureInfo.InvariantCulture, $"<g class=\"read\" data-method=\"{Encode(e.Method)}\"><rect x=\"0\" y=\"{readY[i]}\" width=\"{BoxWidth}\" height=\"{readHeights[i]}\" rx=\"6\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"name\" x=\"10\" y=\"{readY[i] + 18}\">{Encode(Short(e.Method))}</text>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"{readY[i] + 36}\">{Encode(e.KeyTemplates[0])} · TTL {Encode(Duration(e.Ttl))}</text>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"{readY[i] + 54}\">hit ratio <tspan data-field=\"hit-ratio\">{Percent(s.HitRatio)}</tspan> · load <tspan data-field=\"load-ms\">{Milliseconds(s.AverageLoadTime)}</tspan> ms · {Count(s.Hits, "hit")}, {Count(s.Misses, "miss", "misses")}</text>");
            for (var line = 0; line < details[i].Count; line++)
            {
                html.Append(CultureInfo.InvariantCulture, $"<text class=\"small\" x=\"10\" y=\"{readY[i] + 70 + (line * LineHeight)}\">{Encode(details[i][line])}</text>");
            }

            html.Append("<title>").Append(Encode(e.Method + " · " + (e.ResultType ?? string.Empty) + (e.Policy is null ? string.Empty : " · " + e.Policy))).Append("</title></g>");
        }

        for (var i = 0; i < writes.Count; i++)
        {
            var e = writes[i];
            html.Append(CultureInfo.InvariantCulture, $"<g class=\"write\" data-method=\"{Encode(e.Method)}\"><rect x=\"{WritesX}\" y=\"{writeY[i]}\" width=\"{BoxWidth}\" height=\"{WriteHeight}\" rx=\"6\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"name\" x=\"{WritesX + 10}\" y=\"{writeY[i] + 18}\">{Encode(Short(e.Method))}</text>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"small\" x=\"{WritesX + 10}\" y=\"{writeY[i] + 36}\">{Encode(string.Join(", ", e.KeyTemplates))}</text>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{WritesX + 10}\" y=\"{writeY[i] + 52}\">{Count(e.Statistics.Invalidations, "invalidation")}</text></g>");
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

    /// <summary>The small lines under a read: its result type, then its policies, wrapped between policies to fit the box.</summary>
    private static List<string> Details(CacheMapEntry entry)
    {
        var lines = new List<string>();
        var current = entry.ResultType ?? string.Empty;
        foreach (var part in entry.Policy is null ? [] : entry.Policy.Split(", "))
        {
            if (current.Length > 0 && current.Length + part.Length + 3 > SmallCharsPerLine)
            {
                lines.Add(current);
                current = string.Empty;
            }

            current += (current.Length == 0 ? string.Empty : lines.Count == 0 && current == entry.ResultType ? " · " : ", ") + part;
        }

        lines.Add(current);

        // One part longer than a line (a long type name) is cut; the box's tooltip has it whole.
        return lines.Select(line => line.Length > SmallCharsPerLine ? line[..(SmallCharsPerLine - 1)] + "…" : line).ToList();
    }

    /// <summary>"1 hit", "2 hits".</summary>
    private static string Count(long count, string one, string? many = null)
        => count.ToString("N0", CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many ?? one + "s");

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
