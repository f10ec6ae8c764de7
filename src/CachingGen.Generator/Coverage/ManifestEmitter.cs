using System.Text;
using CachingGen.Generator.Emit;

namespace CachingGen.Generator.Coverage;

/// <summary>
/// The manifest as source: a constant holding the JSON (a raw string; the package's build reads the constant out of the
/// compiled assembly into <c>$(AssemblyName).cachinggen.json</c> next to it) and a module initializer that hands it to
/// the runtime (<c>CacheManifest</c>, shown by the operations endpoints).
/// </summary>
internal static class ManifestEmitter
{
    public const string HintName = "CachingGen.Manifest.g.cs";

    public const string BeginMarker = "// cachinggen-manifest-begin";

    public const string EndMarker = "// cachinggen-manifest-end";

    public static string Emit(string json)
    {
        var source = new StringBuilder();
        source.Append(GeneratedCode.Header).Append('\n');
        source.Append("namespace CachingGen.Generated\n{\n");
        source.Append("    /// <summary>This assembly's cache manifest: every cached read, every write, and whether each write invalidates the reads of the tables it writes.</summary>\n");
        source.Append("    ").Append(GeneratedCode.Attribute).Append('\n');
        source.Append("    internal static class CachingGenManifest\n    {\n");
        source.Append("        public const string Json =\n").Append(BeginMarker).Append("\n\"\"\"\"\"\"\n").Append(json).Append("\"\"\"\"\"\";\n").Append(EndMarker).Append('\n');
        source.Append("\n        [global::System.Runtime.CompilerServices.ModuleInitializer]\n");
        source.Append("        internal static void Register() => global::CachingGen.Infrastructure.ManifestRegistry.Register(typeof(CachingGenManifest).Assembly.GetName().Name ?? string.Empty, Json);\n");
        source.Append("    }\n}\n");
        return source.ToString();
    }
}
