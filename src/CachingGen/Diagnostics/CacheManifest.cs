using System.Linq;
using CachingGen.Infrastructure;

namespace CachingGen.Diagnostics;

/// <summary>
/// The cache manifests the generator wrote for the loaded assemblies: per assembly, a JSON document of every cached read
/// (key template, TTL, result type, tables read), every write (tables written, templates invalidated) and whether each
/// write invalidates the reads of the tables it writes. The same JSON is <c>$(AssemblyName).cachinggen.json</c> in the
/// build output, so a pull request shows how caching changed.
/// </summary>
public static class CacheManifest
{
    /// <summary>Assembly name → manifest JSON, sorted by assembly name.</summary>
    public static IReadOnlyDictionary<string, string> ByAssembly
    {
        get
        {
            DecoratorRegistry.EnsureLoadedAssembliesRegistered();
            return new SortedDictionary<string, string>(ManifestRegistry.ByAssembly.ToDictionary(p => p.Key, p => p.Value), System.StringComparer.Ordinal);
        }
    }
}
