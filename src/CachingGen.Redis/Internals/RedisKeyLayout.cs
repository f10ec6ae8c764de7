namespace CachingGen.Redis.Internals;

/// <summary>
/// Where things live in Redis. A cache key <c>K</c> is stored at <c>{prefix}{K}</c> with its invalidation version
/// at <c>{prefix}{K}:v</c>: the braces are a hash tag, so on a cluster both land in one slot and one script can
/// read or write them together. Each prefix <c>P</c> that a declared prefix invalidation can name has a set
/// <c>{prefix}t:{P}</c> listing the keys under it, which prefix invalidation reads to remove them (memory, not correctness),
/// and a version counter <c>{prefix}p:{P}</c> that prefix invalidation bumps and every read compares with the version the
/// entry was loaded under (correctness: a value loaded before the bump is never served, wherever and whenever written).
/// </summary>
internal sealed class RedisKeyLayout(string prefix)
{
    public RedisChannel Channel { get; } = RedisChannel.Literal(prefix + "invalidations");

    /// <summary>The channel's name, for a script that publishes on it.</summary>
    public string ChannelName { get; } = prefix + "invalidations";

    public RedisKey Value(string key) => prefix + "{" + key + "}";

    public RedisKey Version(string key) => prefix + "{" + key + "}:v";

    /// <summary>The key's cluster load lock (<c>ClusterSingleLoad</c>); in the key's slot, like its value.</summary>
    public RedisKey Lock(string key) => prefix + "{" + key + "}:lock";

    public RedisKey Tag(string keyPrefix) => prefix + "t:{" + keyPrefix + "}";

    /// <summary>The invalidation version of a key prefix; shares its hash tag (and slot) with the prefix's tag set.</summary>
    public RedisKey PrefixVersion(string keyPrefix) => prefix + "p:{" + keyPrefix + "}";
}
