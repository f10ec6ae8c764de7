using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CachingGen.PackageTests;

/// <summary>
/// README's "Your first app", as a newcomer runs it: the packages its <c>dotnet add package</c> lines name (CachingGen's
/// three packed from this repository into a folder feed), its Program.cs copied whole, built with warnings as errors
/// and run on PostgreSQL and Redis; then each thing the README says it does is asked of it over HTTP.
/// </summary>
public sealed partial class ReadmeFirstAppTests
{
    [Fact]
    public async Task The_first_app_in_the_README_builds_against_the_packed_packages_and_does_what_the_README_says()
    {
        var postgres = Environment.GetEnvironmentVariable("CACHINGGEN_POSTGRES");
        var redis = Environment.GetEnvironmentVariable("CACHINGGEN_REDIS");
        Assert.False(string.IsNullOrWhiteSpace(postgres), "CACHINGGEN_POSTGRES is not set (eng/test.sh starts PostgreSQL and sets it)");
        Assert.False(string.IsNullOrWhiteSpace(redis), "CACHINGGEN_REDIS is not set (eng/test.sh starts Redis and sets it)");
        var root = Consumer.Metadata("RepoRoot");
        var (packages, program) = FirstApp(await File.ReadAllTextAsync(Path.Combine(root, "README.md")));
        Assert.Equal(["CachingGen", "CachingGen.Redis", "CachingGen.AspNetCore"], packages.Where(p => p.StartsWith("CachingGen", StringComparison.Ordinal)));

        var work = Directory.CreateTempSubdirectory("cachinggen-first-app-").FullName;
        try
        {
            var feed = Path.Combine(work, "feed");
            var app = Path.Combine(work, "FirstApp");
            Directory.CreateDirectory(app);
            var version = $"0.1.0-readme.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
            await Consumer.PackAsync(feed, version, "CachingGen", "CachingGen.Redis", "CachingGen.AspNetCore");

            // What 'dotnet new web' writes, with each package README adds (other versions: the repository's).
            var versions = XDocument.Load(Path.Combine(root, "Directory.Packages.props")).Descendants("PackageVersion")
                .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);
            await Consumer.WriteWebProjectAsync(app, "FirstApp", packages.Select(p => (p, p.StartsWith("CachingGen", StringComparison.Ordinal) ? version : versions[p])));
            await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), program);
            await Consumer.WriteFeedConfigAsync(app, feed);

            var build = await Consumer.RunAsync("dotnet", "build -c Release -nologo", app);
            Assert.True(build.ExitCode == 0, "README's first app does not build:\n" + build.Output);

            var port = Consumer.FreePort();
            await using var running = Consumer.Start(app, "dotnet", Path.Combine(app, "bin", "Release", "net10.0", "FirstApp.dll"), "--urls", $"http://127.0.0.1:{port}", $"--ConnectionStrings:Products={postgres}", $"--Redis={redis}", "--OperatorPassword=readme-test");
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await Consumer.WaitUntilAnsweringAsync(client, "/health", running);

            // A write (which also resets what an earlier run left in the database and Redis), a miss, then a hit; a
            // write invalidates; the next read sees it.
            using (var reset = await client.PutAsync("/products/1/price", new StringContent("""{"price": 4.50}""", Encoding.UTF8, "application/json")))
            {
                Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
            }

            Assert.Equal(4.5m, JsonDocument.Parse(await client.GetStringAsync("/products/1")).RootElement.GetProperty("price").GetDecimal());
            Assert.Equal(4.5m, JsonDocument.Parse(await client.GetStringAsync("/products/1")).RootElement.GetProperty("price").GetDecimal());
            using (var put = await client.PutAsync("/products/1/price", new StringContent("""{"price": 4.80}""", Encoding.UTF8, "application/json")))
            {
                Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
            }

            Assert.Equal(4.8m, JsonDocument.Parse(await client.GetStringAsync("/products/1")).RootElement.GetProperty("price").GetDecimal());

            // The operations endpoints and /metrics: closed without the password, open with it.
            using (var anonymous = await client.GetAsync("/cachinggen/stats.json"))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            }

            using (var metricsAnonymous = await client.GetAsync("/metrics"))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, metricsAnonymous.StatusCode);
            }

            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:readme-test")));
            var stats = JsonDocument.Parse(await client.GetStringAsync("/cachinggen/stats.json")).RootElement.EnumerateArray().Single(s => s.GetProperty("method").GetString() == "ProductRepository.FindAsync");
            Assert.Equal(1, stats.GetProperty("hits").GetInt64());
            Assert.Equal(2, stats.GetProperty("misses").GetInt64());
            Assert.Contains("cachinggen_", await client.GetStringAsync("/metrics"), StringComparison.Ordinal);

            // Health with its data, and Redis connected.
            var health = JsonDocument.Parse(await client.GetStringAsync("/health")).RootElement;
            Assert.Equal("Healthy", health.GetProperty("status").GetString());
            Assert.True(health.GetProperty("checks").GetProperty("cachinggen").GetProperty("data").GetProperty("distributed_connected").GetBoolean());

            // Traces print: the console exporter wrote CachingGen's spans.
            var output = await running.StopAsync();
            Assert.True(output.Contains("Activity.DisplayName:", StringComparison.Ordinal) && output.Contains("cachinggen.", StringComparison.OrdinalIgnoreCase), "no CachingGen span on the console:\n" + output);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The package ids of the section's <c>dotnet add package</c> lines, and its marked Program.cs.</summary>
    internal static (List<string> Packages, string Program) FirstApp(string readme)
    {
        var start = readme.IndexOf("\n## Your first app", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no section '## Your first app'");
        var end = readme.IndexOf("\n## ", start + 5, StringComparison.Ordinal);
        var section = readme[start..(end < 0 ? readme.Length : end)];
        var packages = AddPackage().Matches(section).Select(m => m.Groups[1].Value).ToList();
        var marker = section.IndexOf("<!-- first-app: Program.cs", StringComparison.Ordinal);
        Assert.True(marker >= 0, "the section has no '<!-- first-app: Program.cs' marker before its Program.cs");
        var open = section.IndexOf("```csharp\n", marker, StringComparison.Ordinal) + "```csharp\n".Length;
        var close = section.IndexOf("\n```", open, StringComparison.Ordinal);
        return (packages, section[open..close] + "\n");
    }

    [GeneratedRegex(@"^dotnet add package (\S+)", RegexOptions.Multiline)]
    private static partial Regex AddPackage();
}
