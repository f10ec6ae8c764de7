namespace CachingGen.Redis.Tests.Infrastructure;

public sealed record Balance(long Id, long UserId, long TokenId, decimal Amount, DateTimeOffset UpdatedAt, string? Note, decimal? Threshold);

public interface IBalanceStore
{
    Task<Balance?> FindAsync(long id, CancellationToken ct = default);

    Task<IReadOnlyList<Balance>> ForUserAsync(long userId, CancellationToken ct = default);

    Task<IReadOnlyList<Balance>> ForUserTokenAsync(long userId, long tokenId, CancellationToken ct = default);

    decimal Total(long userId);

    Task<Balance?> FindSpeculativelyAsync(long id, CancellationToken ct = default);

    Task CreditAsync(long id, long userId, decimal amount, CancellationToken ct = default);

    Task ResetUserAsync(long userId, CancellationToken ct = default);

    Task TransferAsync(long from, long to, decimal amount, CancellationToken ct = default);
}

/// <summary>The repository the generated decorator wraps; its data lives in <see cref="SharedDatabase"/>, which every app instance of a test shares.</summary>
public sealed class BalanceStore(SharedDatabase db) : IBalanceStore
{
    [Cached("00:05:00", "bal:<id>")]
    public async Task<Balance?> FindAsync(long id, CancellationToken ct = default)
    {
        // Reads the row, then lingers (when the test holds the gate): a slow query that saw the old data.
        var row = db.Find(id);
        await db.EnterAsync(nameof(FindAsync), ct);
        return row;
    }

    [Cached("00:01:00", "bal:user:<userId>")]
    public async Task<IReadOnlyList<Balance>> ForUserAsync(long userId, CancellationToken ct = default)
    {
        await db.EnterAsync(nameof(ForUserAsync), ct);
        return db.ForUser(userId);
    }

    [Cached("00:01:00", "bal:user:<userId>:token:<tokenId>")]
    public async Task<IReadOnlyList<Balance>> ForUserTokenAsync(long userId, long tokenId, CancellationToken ct = default)
    {
        await db.EnterAsync(nameof(ForUserTokenAsync), ct);
        return db.ForUser(userId).Where(b => b.TokenId == tokenId).ToList();
    }

    [Cached("00:01:00", "bal:user:<userId>:total")]
    public decimal Total(long userId)
    {
        db.Enter(nameof(Total));
        return db.ForUser(userId).Sum(b => b.Amount);
    }

    [Cached("00:05:00", "bal:speculative:<id>", SpeculativeLoad = true)]
    public async Task<Balance?> FindSpeculativelyAsync(long id, CancellationToken ct = default)
    {
        var row = db.Find(id);
        await db.EnterAsync(nameof(FindSpeculativelyAsync), ct);
        return row;
    }

    [Invalidates("bal:<id>")]
    [Invalidates("bal:speculative:<id>")]
    [Invalidates("bal:user:<userId>")]
    [Invalidates("bal:user:<userId>:*")]
    public Task CreditAsync(long id, long userId, decimal amount, CancellationToken ct = default)
    {
        db.Credit(id, amount);
        return Task.CompletedTask;
    }

    /// <summary>Not annotated: the decorator forwards it, and its self-calls of <see cref="CreditAsync"/> are intercepted.</summary>
    public async Task TransferAsync(long from, long to, decimal amount, CancellationToken ct = default)
    {
        await CreditAsync(from, db.Find(from)!.UserId, -amount, ct);
        await CreditAsync(to, db.Find(to)!.UserId, amount, ct);
    }

    [Invalidates("bal:user:<userId>:*")]
    public Task ResetUserAsync(long userId, CancellationToken ct = default)
    {
        db.Reset(userId);
        return Task.CompletedTask;
    }
}
