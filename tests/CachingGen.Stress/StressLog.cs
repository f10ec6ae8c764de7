using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace CachingGen.Stress;

/// <summary>What the workers of one process did: every read and write, and every exception that reached a caller.</summary>
public sealed class StressLog
{
    private readonly ConcurrentQueue<string> _failures = new();
    private int _failedCalls;

    public List<ReadRecord> Reads { get; } = new();

    public List<WriteRecord> Writes { get; } = new();

    public int FailedCalls => _failedCalls;

    /// <summary>The first few failures, as type and message.</summary>
    public IReadOnlyCollection<string> Failures => _failures;

    public void Fail(string call, Exception exception)
    {
        if (Interlocked.Increment(ref _failedCalls) <= 10)
        {
            _failures.Enqueue($"{call}: {exception.GetType().Name}: {exception.Message}");
        }
    }
}
