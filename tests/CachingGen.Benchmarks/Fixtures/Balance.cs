namespace CachingGen.Benchmarks.Fixtures;

/// <summary>A row of the balances the benchmarks cache.</summary>
public sealed record Balance(long Id, long UserId, int TokenId, decimal Amount);
