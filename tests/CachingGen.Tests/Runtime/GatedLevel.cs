using System.Collections.Concurrent;
using System.Collections.Generic;
using CachingGen.Distributed;

namespace CachingGen.Tests.Runtime;

/// <summary>
/// A distributed level in memory whose removals can be held at a gate, so a test can force the interleaving of a
/// read with an invalidation (what a real Redis does in some runs and not others). Values stay objects in memory, so
/// the result shape has nothing to protect here and is ignored.
/// </summary>
internal sealed class GatedLevel : IDistributedCacheLevel
{
    private readonly ConcurrentDictionary<string, (object? Value, long Version)> _values = new();
    private readonly ConcurrentDictionary<string, long> _versions = new();

    /// <summary>While set, <see cref="InvalidateAsync"/> waits for it after being called and before removing.</summary>
    public TaskCompletionSource? RemovalGate { get; set; }

    /// <summary>Completed when a removal has reached the gate.</summary>
    public TaskCompletionSource RemovalStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int _removalsStarted;

    /// <summary>How many exact-key removals have reached the level (and, with a gate, are waiting at it).</summary>
    public int RemovalsStarted => Volatile.Read(ref _removalsStarted);

    public void Put<T>(string key, T value) => _values[key] = (value, Version(key));

    public ValueTask<DistributedEntry<T>> TryGetAsync<T>(string key, IReadOnlyList<string> prefixes, uint resultShape, CancellationToken cancellationToken) => ValueTask.FromResult(TryGet<T>(key, prefixes, resultShape));

    public DistributedEntry<T> TryGet<T>(string key, IReadOnlyList<string> prefixes, uint resultShape)
        => _values.TryGetValue(key, out var stored)
            ? DistributedEntry.Hit((T)stored.Value!, TimeSpan.FromMinutes(1), Version(key).ToString(System.Globalization.CultureInfo.InvariantCulture))
            : DistributedEntry.Miss<T>(Version(key).ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Task<bool> SetAsync<T>(string key, T value, TimeSpan ttl, string version, IReadOnlyList<string> prefixes, uint resultShape)
    {
        if (version != Version(key).ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return Task.FromResult(false);
        }

        _values[key] = (value, Version(key));
        return Task.FromResult(true);
    }

    public async Task InvalidateAsync(string key)
    {
        Interlocked.Increment(ref _removalsStarted);
        RemovalStarted.TrySetResult();
        if (RemovalGate is { } gate)
        {
            await gate.Task;
        }

        _values.TryRemove(key, out _);
        _versions.AddOrUpdate(key, 1, (_, v) => v + 1);
    }

    public Task InvalidatePrefixAsync(string prefix)
    {
        foreach (var key in _values.Keys)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                _values.TryRemove(key, out _);
                _versions.AddOrUpdate(key, 1, (_, v) => v + 1);
            }
        }

        return Task.CompletedTask;
    }

    private long Version(string key) => _versions.GetValueOrDefault(key);
}
