using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Wallets;

public interface IBalanceRepository
{
    Task<Balance?> FindByIdAsync(long id, CancellationToken ct = default);

    Task<IReadOnlyList<Balance>> FindByUserIdAsync(long userId, CancellationToken ct = default);

    ValueTask<decimal> TotalBalanceByUserAsync(long userId, CancellationToken ct = default);

    Task CreditAsync(long id, long userId, decimal amount, CancellationToken ct = default);
}
