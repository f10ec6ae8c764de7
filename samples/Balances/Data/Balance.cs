using System;

namespace Balances.Data;

/// <summary>One row of <c>balances</c>.</summary>
public sealed record Balance(
    long Id,
    long UserId,
    int TokenId,
    string Address,
    decimal Amount,
    decimal UsdValue,
    decimal? AutoConvertThreshold,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    /// <summary>What a write needs to invalidate this balance's cache keys.</summary>
    public BalanceRef Ref => new(Id, UserId, Address);
}
