using System.Collections.Concurrent;
using System.Threading;

namespace CachingGen.Generator.Pipelines;

/// <summary>
/// What a reuse keeps by key, for one environment (options, references, assembly name) at a time: another environment
/// reads everything again anyway, so what was kept for the old one is let go, entries of methods and classes deleted
/// in an editor since included.
/// </summary>
internal sealed class KeptPerEnvironment<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries = new();
    private CompilationEnvironment? _environment;

    /// <summary>The entries kept for <paramref name="environment"/>: emptied first when it is not the last one asked for.</summary>
    public ConcurrentDictionary<TKey, TValue> For(CompilationEnvironment environment)
    {
        if (Volatile.Read(ref _environment) is not { } last || !last.Same(environment))
        {
            _entries.Clear();
            Volatile.Write(ref _environment, environment);
        }

        return _entries;
    }
}
