using System.Collections.Concurrent;
using System.ComponentModel;

namespace CachingGen.Infrastructure;

/// <summary>Where each assembly's generated cache manifest announces itself (from a module initializer); read through <see cref="Diagnostics.CacheManifest"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ManifestRegistry
{
    internal static readonly ConcurrentDictionary<string, string> ByAssembly = new(StringComparer.Ordinal);

    /// <summary>Called by generated code.</summary>
    public static void Register(string assembly, string json)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(json);
        ByAssembly[assembly] = json;
    }
}
