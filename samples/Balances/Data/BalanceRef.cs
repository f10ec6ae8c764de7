namespace Balances.Data;

/// <summary>
/// Identifies a balance for a write: the id to change, and the user and address whose cached reads the write
/// makes stale (the writes' [Invalidates] templates read them as <c>&lt;balance.UserId&gt;</c>…).
/// </summary>
public sealed record BalanceRef(long Id, long UserId, string Address);
