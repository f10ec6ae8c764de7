namespace Balances.Api;

public sealed record NewBalanceRequest(long UserId, int TokenId, string Address, decimal Amount, decimal UsdValue);
