using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Balances.Data;

public interface IBalanceRepository
{
    Task<Balance?> FindByIdAsync(long id, CancellationToken ct = default);

    Task<IReadOnlyList<Balance>> FindByUserIdAsync(long userId, CancellationToken ct = default);

    Task<Balance?> FindByUserIdAndTokenIdAsync(long userId, int tokenId, CancellationToken ct = default);

    Task<decimal> TotalBalanceByUserAsync(long userId, CancellationToken ct = default);

    Task<IReadOnlyList<Balance>> FindByAddressAsync(string address, CancellationToken ct = default);

    Task<IReadOnlyList<Balance>> GetByUserAsync(long userId, int limit, int offset, CancellationToken ct = default);

    Task<Balance> CreateAsync(long userId, int tokenId, string address, decimal amount, decimal usdValue, CancellationToken ct = default);

    Task<Balance> UpdateAsync(BalanceRef balance, decimal usdValue, decimal? autoConvertThreshold, CancellationToken ct = default);

    Task<Balance> CreditAsync(BalanceRef balance, decimal amount, CancellationToken ct = default);

    Task<Balance> DebitAsync(BalanceRef balance, decimal amount, CancellationToken ct = default);

    Task<bool> DeleteAsync(BalanceRef balance, CancellationToken ct = default);
}
