using System.IO;
using System.Text;
using System.Text.Json;

namespace CachingGen.Generator.Tests.Coverage;

/// <summary>
/// The manifest file the package's build writes next to the assembly (<c>buildTransitive/CachingGen.targets</c>): a real
/// <c>dotnet build</c> of a small project, whose file must be the generator's JSON byte for byte — with quotes,
/// backslashes, semicolons, a newline and non-ASCII text in it — while the project's <c>EmitCompilerGeneratedFiles</c> stays off.
/// </summary>
public sealed class ManifestFileTests
{
    // The non-constant SQL's text goes into the manifest as its "unknown" reason: every character MSBuild's item lists mangle.
    private static readonly string Repository = UserSource.Using("System.Threading.Tasks", "CachingGen", "Dapper", "Npgsql").Namespace("Probe")
        .Class("public sealed class ProbeRepository(NpgsqlConnection db)", """
            [Cached("1m", "probe:<id>")]
            public Task<int> CountAsync(long id) => db.ExecuteScalarAsync<int>("SELECT count(*) FROM probes WHERE id = @id", new { id });

            public Task TouchAsync(string n) => db.ExecuteAsync(Sql.Pick("é;\\\"%",
            n));
            """)
        .Declare("")
        .Class("public static class Sql", """
            public static string Pick(string a, string b) => a + b;
            """);

    [Fact]
    public async Task The_build_writes_the_generators_json_byte_for_byte_without_emitting_generated_files()
    {
        var expected = Json(GeneratorHarness.CreateCompilation(CoverageSources.Data, Repository).WithAssemblyName("Probe"));
        Assert.Contains("é;\\\\\\\"%\",\n", Unknown(Encoding.UTF8.GetBytes(expected)), StringComparison.Ordinal);

        var directory = Directory.CreateTempSubdirectory("cachinggen-manifest-");
        try
        {
            var buildFiles = Path.Combine(RepositoryRoot(), "src", "CachingGen", "buildTransitive");
            var references = string.Concat(Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
                .Where(f => Path.GetFileName(f) == "CachingGen.dll" || Path.GetFileName(f).StartsWith("Microsoft.Extensions.", StringComparison.Ordinal))
                .Select(f => $"    <Reference Include=\"{f}\" />\n"));
            File.WriteAllText(Path.Combine(directory.FullName, "Probe.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <Import Project="{Path.Combine(buildFiles, "CachingGen.props")}" />
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                  <ItemGroup>
                {references}    <Analyzer Include="{typeof(CachingGenGenerator).Assembly.Location}" />
                  </ItemGroup>
                  <Import Project="{Path.Combine(buildFiles, "CachingGen.targets")}" />
                </Project>
                """);
            File.WriteAllText(Path.Combine(directory.FullName, "Data.cs"), CoverageSources.Data);
            File.WriteAllText(Path.Combine(directory.FullName, "Repository.cs"), Repository);

            var (exitCode, output) = await DotnetCommand.RunAsync(directory.FullName, TimeSpan.FromMinutes(3), "build", "Probe.csproj", "-c", "Release", "-nologo");

            Assert.True(exitCode == 0, output);
            var file = Assert.Single(Directory.GetFiles(Path.Combine(directory.FullName, "bin"), "Probe.cachinggen.json", SearchOption.AllDirectories));
            Assert.Equal(new UTF8Encoding(false).GetBytes(expected), File.ReadAllBytes(file));
            Assert.Contains("é;\\\\\\\"%\",\n", Unknown(File.ReadAllBytes(file)), StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(directory.FullName, "obj", "Release", "net10.0", "generated")), "the project's generated files were written");
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("CACHINGGEN_KEEP_PROBE") is null)
            {
                directory.Delete(recursive: true);
            }
        }
    }

    private static string Unknown(byte[] json) => JsonDocument.Parse(json).RootElement.GetProperty("writers")[0].GetProperty("unknown").GetString()!;

    private static string Json(Microsoft.CodeAnalysis.CSharp.CSharpCompilation compilation)
    {
        var generated = Assert.Single(GeneratorHarness.Run(compilation).Result.Results.Single().GeneratedSources, s => s.HintName == "CachingGen.Manifest.g.cs").SourceText.ToString();
        var quotes = new string('"', 6);
        var start = generated.IndexOf(quotes, StringComparison.Ordinal) + quotes.Length + 1;
        return generated[start..generated.IndexOf(quotes, start, StringComparison.Ordinal)];
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CachingGen.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("CachingGen.sln not found above " + AppContext.BaseDirectory);
    }
}
