using CachingGen.Infrastructure;

namespace CachingGen.Transactions;

/// <summary>One invalidation made inside a transaction, to make again at its commit (no method for a hand-made removal).</summary>
internal readonly record struct Invalidation(string KeyOrPrefix, bool IsPrefix, CacheMethod? Method);
