using System.Text.Json;

namespace CachingGen.Postgres.Internals;

/// <summary>Reads the cached reads out of the manifests the generator compiled into the loaded assemblies.</summary>
internal static class ManifestReader
{
    /// <summary>Every cached read of every manifest, in a stable order; a manifest that cannot be read is named in <paramref name="problems"/>.</summary>
    public static IReadOnlyList<FeedRead> Read(IReadOnlyDictionary<string, string> manifests, List<string> problems)
    {
        var reads = new List<FeedRead>();
        foreach (var (assembly, json) in manifests)
        {
            try
            {
                using var document = JsonDocument.Parse(json);
                if (!document.RootElement.TryGetProperty("cached", out var cached))
                {
                    continue;
                }

                foreach (var entry in cached.EnumerateArray())
                {
                    reads.Add(new FeedRead(
                        entry.GetProperty("method").GetString()!,
                        entry.GetProperty("key").GetString()!,
                        Strings(entry, "reads"),
                        Bindings(entry),
                        entry.TryGetProperty("unknown", out var unknown) && unknown.ValueKind == JsonValueKind.String ? unknown.GetString() : null));
                }
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                // A manifest written by another version of the generator: its reads are flushed as unknown rather than trusted.
                problems.Add($"the cache manifest of {assembly} could not be read ({ex.Message}); rebuild it with this version of CachingGen");
            }
        }

        return reads.OrderBy(r => r.Method, StringComparer.Ordinal).ThenBy(r => r.Template, StringComparer.Ordinal).ToList();
    }

    private static List<string> Strings(JsonElement entry, string name)
        => entry.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Select(e => e.GetString()).OfType<string>().ToList()
            : [];

    // Manifests from before the change feed have no bindings: every read of theirs is invalidated by prefix (correct, coarse).
    private static List<FeedBinding> Bindings(JsonElement entry)
        => entry.TryGetProperty("bindings", out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Select(b => new FeedBinding(
                b.GetProperty("placeholder").GetString()!,
                b.GetProperty("table").GetString()!,
                b.GetProperty("column").GetString()!,
                b.TryGetProperty("type", out var type) ? type.GetString() ?? "" : "")).ToList()
            : [];
}
