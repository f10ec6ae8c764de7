using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CachingGen.Benchmarks.Generator;

/// <summary>A fresh compilation of synthetic sources against this process's framework and CachingGen.</summary>
public static class SyntheticCompilation
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static CSharpCompilation Create(string name, IEnumerable<(string Path, string Source)> files, CSharpParseOptions? parseOptions = null)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(CachedAttribute).Assembly.Location)
            .Distinct()
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
        return CSharpCompilation.Create(
            name,
            files.Select(f => CSharpSyntaxTree.ParseText(f.Source, parseOptions ?? ParseOptions, f.Path)),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }
}
