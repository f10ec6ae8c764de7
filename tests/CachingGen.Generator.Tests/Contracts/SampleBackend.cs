using System.Collections.Concurrent;

namespace CachingGen.Generator.Tests.Contracts;

/// <summary>
/// What the in-memory compiled repositories call into: it counts calls per method and can be told to throw
/// once, so tests see exactly when the real repository ran.
/// </summary>
public sealed class SampleBackend
{
    private readonly ConcurrentDictionary<string, int> _calls = new();

    /// <summary>Thrown (once) by the next recorded call.</summary>
    public Exception? ThrowNext { get; set; }

    public int TotalCalls => _calls.Values.Sum();

    public int Calls(string method) => _calls.TryGetValue(method, out var n) ? n : 0;

    public void Record(string method)
    {
        _calls.AddOrUpdate(method, 1, (_, n) => n + 1);
        var toThrow = ThrowNext;
        if (toThrow is not null)
        {
            ThrowNext = null;
            throw toThrow;
        }
    }
}
