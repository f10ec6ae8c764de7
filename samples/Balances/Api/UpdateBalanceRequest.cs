namespace Balances.Api;

public sealed record UpdateBalanceRequest(decimal UsdValue, decimal? AutoConvertThreshold);
