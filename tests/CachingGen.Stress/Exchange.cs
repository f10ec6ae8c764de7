using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace CachingGen.Stress;

/// <summary>
/// Files in the exchange folder: each process's write log (writes-NAME.txt, "id version start returned" per line)
/// and the orchestrator's fault windows ("label start end" per line). Each is written to a temporary name and
/// moved into place, so a reader never sees half a file.
/// </summary>
public static class Exchange
{
    public static void SaveWrites(string directory, string name, IEnumerable<WriteRecord> writes)
        => Save(Path.Combine(directory, $"writes-{name}.txt"), writes.Select(w => FormattableString.Invariant($"{w.Id} {w.Version} {w.StartTicks} {w.ReturnedTicks}")));

    public static void SaveFaults(string path, IEnumerable<FaultWindow> faults)
        => Save(path, faults.Select(f => FormattableString.Invariant($"{f.Label} {f.StartTicks} {f.EndTicks}")));

    public static async Task<List<WriteRecord>?> LoadWritesAsync(string directory, string name, TimeSpan timeout)
        => await LoadAsync(Path.Combine(directory, $"writes-{name}.txt"), timeout, f => new WriteRecord(int.Parse(f[0], CultureInfo.InvariantCulture), Long(f[1]), Long(f[2]), Long(f[3])));

    public static async Task<List<FaultWindow>?> LoadFaultsAsync(string path, TimeSpan timeout)
        => await LoadAsync(path, timeout, f => new FaultWindow(f[0], Long(f[1]), Long(f[2])));

    private static long Long(string text) => long.Parse(text, CultureInfo.InvariantCulture);

    private static void Save(string path, IEnumerable<string> lines)
    {
        var temporary = path + ".tmp";
        File.WriteAllLines(temporary, lines);
        File.Move(temporary, path, overwrite: true);
    }

    private static async Task<List<T>?> LoadAsync<T>(string path, TimeSpan timeout, Func<string[], T> parse)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!File.Exists(path))
        {
            if (DateTime.UtcNow > deadline)
            {
                return null;
            }

            await Task.Delay(50);
        }

        var lines = await File.ReadAllLinesAsync(path);
        return lines.Where(l => l.Length > 0).Select(l => parse(l.Split(' '))).ToList();
    }
}
