using System.IO;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Xunit.Sdk;

namespace CachingGen.Generator.Tests.Infrastructure;

/// <summary>
/// Compares generated source with a checked-in <c>Snapshots/NAME.verified.cs</c>. On a mismatch it writes
/// <c>NAME.received.cs</c> beside it and fails with the first differing lines. Set
/// <c>CACHINGGEN_ACCEPT_SNAPSHOTS=1</c> to overwrite the verified files with the new output.
/// </summary>
internal static partial class Snapshot
{
    public static void Verify(string name, string actual)
    {
        var directory = typeof(Snapshot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SnapshotDirectory").Value!;
        var verifiedPath = Path.Combine(directory, name + ".verified.cs");
        var receivedPath = Path.Combine(directory, name + ".received.cs");
        var scrubbed = Scrub(actual);

        if (Environment.GetEnvironmentVariable("CACHINGGEN_ACCEPT_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verifiedPath, scrubbed);
            File.Delete(receivedPath);
            return;
        }

        if (!File.Exists(verifiedPath))
        {
            File.WriteAllText(receivedPath, scrubbed);
            throw new XunitException($"No snapshot {verifiedPath}. Review {receivedPath} and accept it with CACHINGGEN_ACCEPT_SNAPSHOTS=1.");
        }

        var expected = File.ReadAllText(verifiedPath).Replace("\r\n", "\n");
        if (expected == scrubbed)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, scrubbed);
        throw new XunitException($"Snapshot {name} differs (received written to {receivedPath}; accept with CACHINGGEN_ACCEPT_SNAPSHOTS=1):\n{Diff(expected, scrubbed)}");
    }

    private static string Scrub(string text)
        => VersionPattern().Replace(text.Replace("\r\n", "\n"), "GeneratedCode(\"CachingGen\", \"{version}\")");

    private static string Diff(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var builder = new StringBuilder();
        var shown = 0;
        for (var i = 0; i < Math.Max(e.Length, a.Length) && shown < 12; i++)
        {
            var left = i < e.Length ? e[i] : "<end of file>";
            var right = i < a.Length ? a[i] : "<end of file>";
            if (left != right)
            {
                builder.AppendLine($"line {i + 1}:");
                builder.AppendLine($"  - {left}");
                builder.AppendLine($"  + {right}");
                shown++;
            }
        }

        return builder.ToString();
    }

    [GeneratedRegex("GeneratedCode\\(\"CachingGen\", \"[^\"]*\"\\)")]
    private static partial Regex VersionPattern();
}
