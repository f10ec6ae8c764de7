namespace CachingGen.Benchmarks.Miss;

/// <summary>One row of the miss benchmark's table.</summary>
public sealed record BalanceRow(long Id, long UserId, decimal Amount);
