using System.Collections.Concurrent;

namespace CachingGen.Internals.Distributed;

/// <summary>
/// Distributed-level writes after a miss, taken off the caller's path: the caller gets its value as soon as the
/// repository returned, and one background drainer serializes and sends whatever writes are queued, together,
/// so concurrent misses share one pipeline flush instead of each paying for its own.
/// </summary>
/// <remarks>
/// Each write carries the version read before its load, so a delay never lets a stale value overwrite a newer
/// invalidation (the level's compare-and-set rejects it). Beyond <see cref="Capacity"/> queued writes (the level
/// is slower than the misses) further writes are dropped: the value stays in process and the next miss
/// elsewhere writes it.
/// </remarks>
internal sealed class DistributedWriteQueue
{
    public const int Capacity = 10_000;

    private readonly ConcurrentQueue<Func<Task>> _writes = new();
    private int _count;
    private int _draining;

    /// <summary>Queues <paramref name="write"/> (a task that observes its own faults), or drops it when the queue is full.</summary>
    public void Enqueue(Func<Task> write)
    {
        if (Interlocked.Increment(ref _count) > Capacity)
        {
            Interlocked.Decrement(ref _count);
            return;
        }

        _writes.Enqueue(write);
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static queue => _ = queue.DrainAsync(), this, preferLocal: false);
        }
    }

    private async Task DrainAsync()
    {
        var batch = new List<Task>();
        while (true)
        {
            while (_writes.TryDequeue(out var write))
            {
                Interlocked.Decrement(ref _count);
                batch.Add(write());
            }

            if (batch.Count > 0)
            {
                // The writes observe their own faults; waiting here only bounds how many are in flight.
                await Task.WhenAll(batch).ConfigureAwait(false);
                batch.Clear();
                continue;
            }

            Volatile.Write(ref _draining, 0);
            // A write queued after the last TryDequeue but before the flag was cleared found the drainer still
            // running: take it over, unless another drainer has already started.
            if (_writes.IsEmpty || Interlocked.CompareExchange(ref _draining, 1, 0) != 0)
            {
                return;
            }
        }
    }
}
