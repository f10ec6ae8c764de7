using System.Collections.Generic;
using StackExchange.Redis;

namespace CachingGen.Redis;

/// <summary>
/// Where things live in Redis. A cache key <c>K</c> is stored at <c>{prefix}{K}</c> with its invalidation version
/// at <c>{prefix}{K}:v</c>: the braces are a hash tag, so on a cluster both land in one slot and one script can
/// read or write them together. Each <c>:</c>-ended prefix <c>P</c> of a key has a set <c>{prefix}t:{P}</c>
/// listing the keys under it, which prefix invalidation reads instead of scanning the keyspace.
/// </summary>
internal sealed class RedisKeyLayout(string prefix)
{
    public RedisChannel Channel { get; } = RedisChannel.Literal(prefix + "invalidations");

    public RedisKey Value(string key) => prefix + "{" + key + "}";

    public RedisKey Version(string key) => prefix + "{" + key + "}:v";

    public RedisKey Tag(string keyPrefix) => prefix + "t:{" + keyPrefix + "}";

    /// <summary>
    /// The prefixes of <paramref name="key"/> that end at an unescaped <c>:</c> (values escape their own colons
    /// as <c>\:</c>), for example <c>balance:</c> and <c>balance:user:</c> for <c>balance:user:42</c>.
    /// </summary>
    public static List<string> SegmentPrefixes(string key)
    {
        var prefixes = new List<string>();
        var escaped = false;
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (escaped)
            {
                escaped = false;
            }
            else if (c == '\\')
            {
                escaped = true;
            }
            else if (c == ':')
            {
                prefixes.Add(key.Substring(0, i + 1));
            }
        }

        return prefixes;
    }
}
