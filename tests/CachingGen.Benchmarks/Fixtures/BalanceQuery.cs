namespace CachingGen.Benchmarks.Fixtures;

/// <summary>An argument object, for the member-path key <c>&lt;query.UserId&gt;:&lt;query.TokenId&gt;</c>.</summary>
public sealed record BalanceQuery(long UserId, int TokenId);
