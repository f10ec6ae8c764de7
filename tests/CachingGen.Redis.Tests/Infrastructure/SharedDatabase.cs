using System.Collections.Concurrent;

namespace CachingGen.Redis.Tests.Infrastructure;

/// <summary>
/// Stands in for the database behind the repository (the Redis side is real): counts calls per method and can
/// hold loads at a gate, so tests can interleave a slow read with a write deterministically.
/// </summary>
public sealed class SharedDatabase
{
    private readonly ConcurrentDictionary<long, Balance> _rows = new();
    private readonly ConcurrentDictionary<string, int> _calls = new();

    public SharedDatabase()
    {
        for (var id = 1; id <= 6; id++)
        {
            _rows[id] = new Balance(id, UserId: (id + 1) / 2, TokenId: id % 2, Amount: 10m * id + 0.125m, new DateTimeOffset(2026, 11, 25, 10, id, 0, TimeSpan.FromHours(2)), id % 3 == 0 ? null : "n" + id, id % 2 == 0 ? 1.5m : null);
        }
    }

    /// <summary>When set, every load waits here after counting itself.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Completed when a load reaches the gate.</summary>
    public TaskCompletionSource LoadStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TimeSpan Delay { get; set; }

    public int Calls(string method) => _calls.GetValueOrDefault(method);

    public async Task EnterAsync(string method, CancellationToken ct)
    {
        _calls.AddOrUpdate(method, 1, (_, n) => n + 1);
        LoadStarted.TrySetResult();
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(ct);
        }

        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, ct);
        }
    }

    public void Enter(string method) => _calls.AddOrUpdate(method, 1, (_, n) => n + 1);

    public Balance? Find(long id) => _rows.GetValueOrDefault(id);

    public IReadOnlyList<Balance> ForUser(long userId) => _rows.Values.Where(b => b.UserId == userId).OrderBy(b => b.Id).ToList();

    public void Credit(long id, decimal amount) => _rows.AddOrUpdate(id, _ => throw new InvalidOperationException("no such balance"), (_, b) => b with { Amount = b.Amount + amount });

    public void Reset(long userId)
    {
        foreach (var row in _rows.Values.Where(b => b.UserId == userId))
        {
            _rows[row.Id] = row with { Amount = 0 };
        }
    }
}
