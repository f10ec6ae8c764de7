using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace CachingGen.Generator.Tests.Infrastructure;

/// <summary>
/// Runs compiled user assemblies against a fresh copy of the CachingGen runtime in an assembly load context of their
/// own. Which cache an intercepted call uses depends on process-wide state (how many containers are live), so each
/// scenario starts from a process as a new application would, whatever other tests are doing in this one.
/// </summary>
internal sealed class IsolatedRun : AssemblyLoadContext
{
    private readonly string _runtimePath = typeof(CachingGenCache).Assembly.Location;
    private readonly Dictionary<string, Assembly> _user = new(StringComparer.Ordinal);

    private IsolatedRun()
        : base("cachinggen-scenario", isCollectible: true)
    {
    }

    /// <summary>
    /// Loads <paramref name="images"/> (the first is the scenario's) and awaits its
    /// <c>public static Task&lt;string&gt; Scenario.RunAsync()</c>: the report the test asserts on.
    /// </summary>
    public static async Task<string> RunAsync(params byte[][] images)
    {
        var context = new IsolatedRun();
        try
        {
            var assemblies = images.Select(image => context.LoadFromStream(new MemoryStream(image))).ToList();
            foreach (var assembly in assemblies)
            {
                context._user[assembly.GetName().Name!] = assembly;
            }

            var scenario = assemblies.Select(a => a.GetType("Scenario")).FirstOrDefault(t => t is not null);
            Assert.NotNull(scenario);
            var run = scenario.GetMethod("RunAsync", BindingFlags.Public | BindingFlags.Static);
            Assert.NotNull(run);
            return await (Task<string>)run.Invoke(null, null)!;
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>
    /// The source of a scenario: after <paramref name="start"/> (its usings), the class <c>Scenario</c> whose
    /// <c>RunAsync()</c> runs <paramref name="body"/>, followed by the scenario's own <paramref name="members"/>.
    /// </summary>
    public static string Scenario(UserSource start, string body, string? members = null)
    {
        var run = "public static async Task<string> RunAsync()\n{\n" + string.Join("\n", body.Split('\n').Select(line => line.Length == 0 ? line : "    " + line)) + "\n}";
        return start.Class("public static class Scenario", members is null ? run : run + "\n\n" + members);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name == "CachingGen")
        {
            // Its own copy: the interceptors' process-wide state starts empty.
            return LoadFromAssemblyPath(_runtimePath);
        }

        // The other user assembly of a two-project scenario; everything else is shared with the test process.
        return assemblyName.Name is { } name && _user.TryGetValue(name, out var user) ? user : null;
    }
}
