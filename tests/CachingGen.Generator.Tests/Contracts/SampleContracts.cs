using System.Threading;

namespace CachingGen.Generator.Tests.Contracts;

// Interfaces and types the in-memory compiled repositories implement, declared here so tests can call the
// generated decorators through them without reflection.
public interface IAccounts
{
    Task<string?> FindAsync(long id, CancellationToken ct = default);

    Task<string?> FindNoNullCachingAsync(long id, CancellationToken ct = default);

    ValueTask<decimal> TotalAsync(long userId, CancellationToken ct = default);

    Task<IReadOnlyList<string>> ByUserAsync(long userId, CancellationToken ct = default);

    string Describe(int a, string? b);

    string Price(decimal amount);

    string Name(string? first, string? last);

    string At(System.DateTime when, System.Guid id, bool flag, Region region, int? maybe);

    Task UpdateAsync(long id, long userId, CancellationToken ct = default);

    ValueTask<int> UpdateValueAsync(long id, CancellationToken ct = default);

    void Touch(long id);

    int TouchAndCount(long id, long userId);

    int NotAnnotated(int x);

    string this[int index] { get; }

    string Label { get; set; }
}

public interface IOrders
{
    Task<string> ForCustomerAsync(Order order, CancellationToken ct = default);

    string Get(int id);

    string Get(string name);
}

public enum Region
{
    North,
    South,
}

public sealed class Customer
{
    public required long Id { get; init; }

    public string? Email { get; init; }
}

public sealed class Order
{
    public Customer? Customer { get; init; }

    public Region Region { get; init; }
}
