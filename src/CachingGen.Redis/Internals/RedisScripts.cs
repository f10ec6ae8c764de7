namespace CachingGen.Redis.Internals;

/// <summary>The Lua scripts CachingGen runs on Redis; on a cluster each is sent with keys of one hash slot only.</summary>
internal static class RedisScripts
{
    /// <summary>
    /// The race guard: store only if nobody invalidated the key since the loader read its version (KEYS: value,
    /// version; ARGV: version read, envelope, TTL ms). Reads are a plain MGET of value and version: no script on the hit path.
    /// </summary>
    public const string Write = """
        if (redis.call('GET', KEYS[2]) or '') ~= ARGV[1] then return 0 end
        redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
        return 1
        """;

    /// <summary>
    /// Removes a value and bumps its version, so a load that read the old version cannot store; then, when given a
    /// channel and a message, publishes the backplane message — in the same script, so no instance can get it before the
    /// value is gone, at the cost of one round trip for both (KEYS: value, version; ARGV: version retention ms[, channel,
    /// message]).
    /// </summary>
    public const string Invalidate = """
        redis.call('DEL', KEYS[1])
        redis.call('INCR', KEYS[2])
        redis.call('PEXPIRE', KEYS[2], ARGV[1])
        if ARGV[2] then redis.call('PUBLISH', ARGV[2], ARGV[3]) end
        return 1
        """;

    /// <summary>
    /// Before a value is written under a prefix: makes sure the prefix's version counter exists — created at the server's
    /// clock in microseconds, never at a number it held before, so an evicted or expired counter cannot make an older
    /// value valid again — and lives longer than the value (its TTL plus a margin), and adds the key to the prefix's tag
    /// set for clean-up (KEYS: prefix version, tag set — one hash tag; ARGV: key, TTL ms, margin ms). Returns the
    /// counter's value when this call created it (the value may then be stored under it), else an empty string.
    /// </summary>
    public const string PrefixWrite = """
        local now = redis.call('TIME')
        local epoch = now[1] .. string.format('%06d', tonumber(now[2]))
        local created = redis.call('SET', KEYS[1], epoch, 'NX')
        local life = tonumber(ARGV[2]) + tonumber(ARGV[3])
        if redis.call('PTTL', KEYS[1]) < life then redis.call('PEXPIRE', KEYS[1], life) end
        redis.call('SADD', KEYS[2], ARGV[1])
        if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[2], ARGV[2]) end
        if created then return epoch end
        return ''
        """;

    /// <summary>
    /// A prefix invalidation: bumps the prefix's version (created at the server's clock if missing), so every value
    /// loaded before it is refused by reads wherever it is stored, however late it is written (KEYS: prefix version;
    /// ARGV: minimum life ms). Returns the new version.
    /// </summary>
    public const string PrefixInvalidate = """
        if redis.call('EXISTS', KEYS[1]) == 0 then
          local now = redis.call('TIME')
          redis.call('SET', KEYS[1], now[1] .. string.format('%06d', tonumber(now[2])))
        end
        local version = redis.call('INCR', KEYS[1])
        if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        if ARGV[2] then redis.call('PUBLISH', ARGV[2], ARGV[3]) end
        return version
        """;

    /// <summary>
    /// All the removals of one write, then its one backplane message (KEYS: value and version of each key, in pairs, then
    /// version and tag set of each prefix, in pairs; ARGV: version retention ms, number of keys[, channel, message]). Each
    /// key as <see cref="Invalidate"/>, each prefix as <see cref="PrefixInvalidate"/>, and each prefix's tag set is taken
    /// (read and deleted): the keys it listed are returned, for the caller to remove off the write's path (memory only,
    /// no read serves them after the version moved). The message goes out after all of it, so no instance can get it
    /// while an old value is still there. On a cluster the keys must share one slot: the level sends one script per slot
    /// then, and publishes after the last.
    /// </summary>
    public const string InvalidateAll = """
        local keys = tonumber(ARGV[2])
        for i = 1, keys * 2, 2 do
          redis.call('DEL', KEYS[i])
          redis.call('INCR', KEYS[i + 1])
          redis.call('PEXPIRE', KEYS[i + 1], ARGV[1])
        end
        local listed = {}
        for i = keys * 2 + 1, #KEYS, 2 do
          if redis.call('EXISTS', KEYS[i]) == 0 then
            local now = redis.call('TIME')
            redis.call('SET', KEYS[i], now[1] .. string.format('%06d', tonumber(now[2])))
          end
          redis.call('INCR', KEYS[i])
          if redis.call('PTTL', KEYS[i]) < tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[i], ARGV[1]) end
          local members = redis.call('SMEMBERS', KEYS[i + 1])
          if #members > 0 then
            redis.call('DEL', KEYS[i + 1])
            for _, member in ipairs(members) do listed[#listed + 1] = member end
          end
        end
        if ARGV[3] then redis.call('PUBLISH', ARGV[3], ARGV[4]) end
        return listed
        """;

    /// <summary>Releases a cluster load lock only if this instance still holds it (KEYS: lock; ARGV: token).</summary>
    public const string ReleaseLock = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;
}
