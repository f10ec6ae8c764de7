namespace Wallets;

public sealed record Balance(long Id, long UserId, string Token, decimal Amount);
