namespace Balances.Api;

public sealed record AmountRequest(decimal Amount);
