namespace CachingGen.Benchmarks.Write;

public interface IBalanceWrites
{
    Task<decimal> AmountAsync(long id);

    Task<decimal> UserTotalAsync(long userId);

    Task<long> UserCountAsync(long userId);

    Task CreditOneAsync(long id, decimal amount);

    Task CreditThreeAsync(long id, long userId, decimal amount);
}
