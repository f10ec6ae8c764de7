using System.Reflection;
using System.Text.RegularExpressions;

namespace CachingGen.Generator.Tests;

/// <summary>
/// The version in the emitted <c>[GeneratedCode("CachingGen", version)]</c> is the generator's own (the package
/// version from Directory.Build.props), not a constant; the snapshots scrub it to <c>{version}</c>.
/// </summary>
public sealed class GeneratedCodeVersionTests
{
    [Fact]
    public void The_emitted_GeneratedCode_version_is_the_generator_assemblys_version()
    {
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("""
            using System.Threading.Tasks;
            using CachingGen;

            public interface IRepository { Task<int> FindAsync(int id); }

            public sealed class Repository : IRepository
            {
                [Cached(ttl: "00:01:00", key: "item:<id>")]
                public Task<int> FindAsync(int id) => Task.FromResult(id);
            }
            """));

        var versions = result.Results.Single().GeneratedSources
            .SelectMany(s => Regex.Matches(s.SourceText.ToString(), "GeneratedCode\\(\"CachingGen\", \"([^\"]*)\"\\)"))
            .Select(m => m.Groups[1].Value)
            .Distinct()
            .ToList();

        var informational = typeof(CachingGenGenerator).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        var expected = informational.Split('+')[0];
        Assert.Equal(expected, Assert.Single(versions));

        // Both assemblies take Version from Directory.Build.props, so the test's own version is the same one.
        var ours = typeof(GeneratedCodeVersionTests).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        Assert.Equal(ours, expected);
    }
}
