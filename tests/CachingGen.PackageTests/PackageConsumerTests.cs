namespace CachingGen.PackageTests;

/// <summary>
/// Packs CachingGen, then builds and runs a separate consumer project against the .nupkg from a local
/// folder feed, outside this repository's build files: proof that the package alone wires the runtime,
/// the generator (loaded by the user's compiler, not CS9057-skipped) and DI.
/// </summary>
public sealed class PackageConsumerTests
{
    [Fact]
    public async Task Consumer_project_builds_and_runs_against_the_packed_package()
    {
        var root = Consumer.Metadata("RepoRoot");
        var configuration = Consumer.Metadata("Configuration");
        var work = Directory.CreateTempSubdirectory("cachinggen-consumer-").FullName;
        try
        {
            var feed = Path.Combine(work, "feed");
            var consumer = Path.Combine(work, "consumer");
            var version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
            Directory.CreateDirectory(consumer);
            foreach (var file in new[] { "PackageConsumer.csproj", "Program.cs", "Library/PackageLibrary.csproj", "Library/Wallets.cs" })
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(consumer, file))!);
                File.Copy(Path.Combine(root, "tests", "PackageConsumer", file), Path.Combine(consumer, file));
            }

            await Consumer.WriteFeedConfigAsync(consumer, feed);

            var pack = await Consumer.RunAsync("dotnet", $"pack \"{Path.Combine(root, "src", "CachingGen", "CachingGen.csproj")}\" -c {configuration} --no-build -o \"{feed}\" -p:Version={version}", root);
            Assert.True(pack.ExitCode == 0, "dotnet pack failed:\n" + pack.Output);
            var package = Path.Combine(feed, $"CachingGen.{version}.nupkg");
            Assert.True(File.Exists(package), pack.Output);
            using (var zip = System.IO.Compression.ZipFile.OpenRead(package))
            {
                var entries = zip.Entries.Select(e => e.FullName).ToList();
                Assert.Contains("lib/net10.0/CachingGen.dll", entries);
                Assert.Contains("analyzers/dotnet/cs/CachingGen.Generator.dll", entries);
                Assert.Contains("analyzers/dotnet/cs/CachingGen.CodeFixes.dll", entries);
                Assert.Contains("buildTransitive/CachingGen.props", entries);
                Assert.Contains("buildTransitive/CachingGen.targets", entries);
            }

            var run = await Consumer.RunAsync("dotnet", $"run -c Release -p:CachingGenVersion={version}", consumer);
            Assert.True(run.ExitCode == 0, "consumer failed:\n" + run.Output);
            Assert.Contains("decorator=GreetingRepositoryCachingDecorator calls=1 hits=1 misses=1 key=greeting:ada", run.Output, StringComparison.Ordinal);

            // Two loads, the transfer's self-calls (intercepted in the library) and this project's credit (intercepted
            // here, by the generator the package's buildTransitive brought) invalidate, two loads, then a hit.
            Assert.Contains("wallets=70/35 reads=4", run.Output, StringComparison.Ordinal);

            // The cache manifest of each project, next to its assembly, from the package's build files alone.
            var manifests = Directory.GetFiles(work, "*.cachinggen.json", SearchOption.AllDirectories).Where(f => f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ToList();
            var app = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Assert.Single(manifests, f => Path.GetFileName(f) == "PackageConsumer.cachinggen.json"))).RootElement;
            Assert.Equal("PackageConsumer", app.GetProperty("assembly").GetString());
            Assert.Contains(app.GetProperty("cached").EnumerateArray(), c => c.GetProperty("key").GetString() == "greeting:<name>");
            var library = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Assert.Single(manifests, f => Path.GetFileName(f) == "PackageLibrary.cachinggen.json"))).RootElement;
            Assert.Contains(library.GetProperty("writers").EnumerateArray(), w => w.GetProperty("invalidates").EnumerateArray().Any(t => t.GetString() == "wallet:<id>"));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
