using StackExchange.Redis;

namespace CachingGen.Redis.Internals;

/// <summary>
/// Where things live in Redis. A cache key <c>K</c> is stored at <c>{prefix}{K}</c> with its invalidation version
/// at <c>{prefix}{K}:v</c>: the braces are a hash tag, so on a cluster both land in one slot and one script can
/// read or write them together. Each prefix <c>P</c> that a declared prefix invalidation can name has a set
/// <c>{prefix}t:{P}</c> listing the keys under it, which prefix invalidation reads instead of scanning the keyspace.
/// </summary>
internal sealed class RedisKeyLayout(string prefix)
{
    public RedisChannel Channel { get; } = RedisChannel.Literal(prefix + "invalidations");

    public RedisKey Value(string key) => prefix + "{" + key + "}";

    public RedisKey Version(string key) => prefix + "{" + key + "}:v";

    public RedisKey Tag(string keyPrefix) => prefix + "t:{" + keyPrefix + "}";
}
