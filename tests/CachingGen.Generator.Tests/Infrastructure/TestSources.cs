namespace CachingGen.Generator.Tests.Infrastructure;

/// <summary>User code compiled in memory by the tests, exercising every wrapper shape.</summary>
internal static class TestSources
{
    public const string Accounts = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using CachingGen;
        using CachingGen.Generator.Tests.Contracts;

        namespace Sample.Data;

        public sealed class AccountsRepository(SampleBackend backend) : IAccounts
        {
            [Cached(ttl: "00:05:00", key: "account:<id>")]
            public Task<string?> FindAsync(long id, CancellationToken ct = default)
            {
                backend.Record(nameof(FindAsync));
                return Task.FromResult(id < 0 ? null : $"account {id} v{backend.Calls(nameof(FindAsync))}");
            }

            [Cached("00:05:00", "account-nonull:<id>", CacheNulls = false)]
            public Task<string?> FindNoNullCachingAsync(long id, CancellationToken ct = default)
            {
                backend.Record(nameof(FindNoNullCachingAsync));
                return Task.FromResult<string?>(null);
            }

            [Cached(ttl: "00:02:00", key: "account:user:<userId>:total")]
            public async ValueTask<decimal> TotalAsync(long userId, CancellationToken ct = default)
            {
                await Task.Yield();
                backend.Record(nameof(TotalAsync));
                return userId * 1.5m + backend.Calls(nameof(TotalAsync));
            }

            [Cached(ttl: "00:01:00", key: "account:user:<userId>")]
            public async Task<IReadOnlyList<string>> ByUserAsync(long userId, CancellationToken ct = default)
            {
                await Task.Delay(1, ct);
                backend.Record(nameof(ByUserAsync));
                return new[] { $"a{userId}", $"b{userId}" };
            }

            [Cached(ttl: "00:01:00", key: "describe:<a>:<b>")]
            public string Describe(int a, string? b)
            {
                backend.Record(nameof(Describe));
                return $"{a}/{b ?? "null"}";
            }

            [Cached(ttl: "00:01:00", key: "price:<amount>")]
            public string Price(decimal amount)
            {
                backend.Record(nameof(Price));
                return amount.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            [Cached(ttl: "00:01:00", key: "name:<first>:<last>")]
            public string Name(string? first, string? last)
            {
                backend.Record(nameof(Name));
                return $"{first ?? "(null)"}|{last ?? "(null)"}";
            }

            [Cached(ttl: "00:01:00", key: "at:<when>:<id>:<flag>:<region>:<maybe>")]
            public string At(DateTime when, Guid id, bool flag, Region region, int? maybe)
            {
                backend.Record(nameof(At));
                return "at";
            }

            [Invalidates("account:<id>")]
            [Invalidates("account:user:<userId>")]
            [Invalidates("account:user:<userId>:total")]
            public Task UpdateAsync(long id, long userId, CancellationToken ct = default)
            {
                backend.Record(nameof(UpdateAsync));
                return Task.CompletedTask;
            }

            [Invalidates("account:<id>")]
            public async ValueTask<int> UpdateValueAsync(long id, CancellationToken ct = default)
            {
                await Task.Yield();
                backend.Record(nameof(UpdateValueAsync));
                return 7;
            }

            [Invalidates("account:<id>")]
            public void Touch(long id) => backend.Record(nameof(Touch));

            [Invalidates("account:<id>")]
            [Invalidates("account:user:<userId>")]
            public int TouchAndCount(long id, long userId)
            {
                backend.Record(nameof(TouchAndCount));
                return 3;
            }

            public int NotAnnotated(int x) => x * 2;

            public string this[int index] => $"item {index}";

            public string Label { get; set; } = "initial";
        }

        public sealed class OrdersRepository(SampleBackend backend) : IOrders
        {
            [Cached(ttl: "00:01:00", key: "orders:<order.Customer.Id>:<order.Region>:<order.Customer.Email>")]
            public Task<string> ForCustomerAsync(Order order, CancellationToken ct = default)
            {
                backend.Record(nameof(ForCustomerAsync));
                return Task.FromResult($"orders of {order.Customer?.Id}");
            }

            [Cached(ttl: "00:01:00", key: "get:id:<id>")]
            public string Get(int id)
            {
                backend.Record("Get(int)");
                return $"id {id}";
            }

            [Cached(ttl: "00:01:00", key: "get:name:<name>")]
            public string Get(string name)
            {
                backend.Record("Get(string)");
                return $"name {name}";
            }
        }
        """;
}
