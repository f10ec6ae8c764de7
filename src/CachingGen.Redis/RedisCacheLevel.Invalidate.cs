using CachingGen.Infrastructure;
using CachingGen.Redis.Internals;

namespace CachingGen.Redis;

/// <summary>The level's invalidations: keys and prefixes removed by scripts that also publish the backplane message.</summary>
public sealed partial class RedisCacheLevel
{
    /// <inheritdoc />
    /// <remarks>
    /// One script removes every key, bumps every prefix's version and takes its tag set, then publishes the write's one
    /// backplane message (when this level publishes for the backplane): one round trip, and no instance gets the message while an old value
    /// is still in Redis. On a cluster a script only reaches keys of one hash slot: when the write's keys and prefixes
    /// fall in several, one script per slot is sent (pipelined, without the message), and the message is published once
    /// they all answered — a second round trip, kept so that the order (removed, then told) still holds.
    /// </remarks>
    public async Task InvalidateAllAsync(IReadOnlyList<CacheInvalidation> invalidations)
    {
        ArgumentNullException.ThrowIfNull(invalidations);
        if (invalidations.Count == 0)
        {
            // Nothing to remove, and no message: an earlier release would read an empty one as "flush everything".
            return;
        }

        var database = await _connection.DatabaseForWriteAsync().ConfigureAwait(false);
        var retention = (long)Options.VersionRetention.TotalMilliseconds;
        var multiplexer = database.Multiplexer;
        // Not a cluster: HashSlot answers the same (no slot) for every key, so one script reaches them all.
        var slot = 0;
        var oneSlot = true;
        for (var i = 0; i < invalidations.Count && oneSlot; i++)
        {
            var current = multiplexer.HashSlot(SlotKey(invalidations[i]));
            oneSlot = i == 0 || current == slot;
            slot = current;
        }

        RedisResult[] listed;
        if (oneSlot)
        {
            var (keys, keyCount) = ScriptKeys(invalidations, static _ => true);
            RedisValue[] arguments = _backplane is null ? [retention, keyCount] : [retention, keyCount, Keys.ChannelName, _backplane.Message(invalidations)];
            listed = [await _connection.GuardAsync(database.ScriptEvaluateAsync(RedisScripts.InvalidateAll, keys, arguments)).ConfigureAwait(false)];
        }
        else
        {
            var removals = new List<Task<RedisResult>>();
            var slots = new HashSet<int>();
            foreach (var invalidation in invalidations)
            {
                var each = multiplexer.HashSlot(SlotKey(invalidation));
                if (slots.Add(each))
                {
                    var (keys, keyCount) = ScriptKeys(invalidations, i => multiplexer.HashSlot(SlotKey(i)) == each);
                    removals.Add(database.ScriptEvaluateAsync(RedisScripts.InvalidateAll, keys, [retention, keyCount]));
                }
            }

            listed = await _connection.GuardAsync(Task.WhenAll(removals)).ConfigureAwait(false);
            if (_backplane is not null)
            {
                await _connection.GuardAsync(database.PublishAsync(Keys.Channel, _backplane.Message(invalidations))).ConfigureAwait(false);
            }
        }

        // The keys the prefixes' tag sets listed: their values are no longer served (the versions moved); removing them
        // only frees memory, so it happens after the write returned, and only when there is something to remove.
        foreach (var result in listed)
        {
            if ((RedisValue[]?)result is { Length: > 0 } members)
            {
                _ = RemoveListedAsync(database, members);
            }
        }
    }

    /// <summary>Removes keys a prefix's tag set listed (memory only: they are no longer served). Never faults.</summary>
    private async Task RemoveListedAsync(IDatabase database, RedisValue[] members)
    {
        try
        {
            var removals = new Task[members.Length];
            for (var i = 0; i < removals.Length; i++)
            {
                removals[i] = RemoveAsync(database, members[i].ToString());
            }

            await _connection.GuardAsync(Task.WhenAll(removals)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The invalidation itself is done (the versions were bumped); the entries left behind are never served.
        }
    }

    /// <summary>The key whose hash slot an invalidation's script keys share (they all carry its hash tag).</summary>
    private RedisKey SlotKey(CacheInvalidation invalidation)
        => invalidation.IsPrefix ? Keys.PrefixVersion(invalidation.KeyOrPrefix) : Keys.Value(invalidation.KeyOrPrefix);

    /// <summary><see cref="RedisScripts.InvalidateAll"/>'s keys for the invalidations <paramref name="include"/> picks: key pairs first, then prefixes.</summary>
    private (RedisKey[] Keys, int KeyCount) ScriptKeys(IReadOnlyList<CacheInvalidation> invalidations, Func<CacheInvalidation, bool> include)
    {
        var keys = new List<RedisKey>(invalidations.Count * 2);
        var keyCount = 0;
        foreach (var invalidation in invalidations)
        {
            if (!invalidation.IsPrefix && include(invalidation))
            {
                keys.Add(Keys.Value(invalidation.KeyOrPrefix));
                keys.Add(Keys.Version(invalidation.KeyOrPrefix));
                keyCount++;
            }
        }

        foreach (var invalidation in invalidations)
        {
            if (invalidation.IsPrefix && include(invalidation))
            {
                keys.Add(Keys.PrefixVersion(invalidation.KeyOrPrefix));
                keys.Add(Keys.Tag(invalidation.KeyOrPrefix));
            }
        }

        return (keys.ToArray(), keyCount);
    }

    /// <inheritdoc />
    public async Task InvalidateAsync(string key)
    {
        var database = await _connection.DatabaseForWriteAsync().ConfigureAwait(false);
        await _connection.GuardAsync(database.ScriptEvaluateAsync(
            RedisScripts.Invalidate,
            [Keys.Value(key), Keys.Version(key)],
            WithMessage([(long)Options.VersionRetention.TotalMilliseconds], CacheInvalidation.Key(key)))).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Bumps the prefix's version: from then on every read under the prefix refuses values loaded before, whenever and
    /// wherever they are written (one small script, whatever the number of keys) — the call returns then. Then, off the
    /// caller's path and for memory only, removes the keys its tag set lists; a failure there leaves entries no read
    /// will serve until their TTL ends. Nothing blocks Redis (no KEYS, no SCAN).
    /// </remarks>
    public async Task InvalidatePrefixAsync(string prefix)
    {
        var database = await _connection.DatabaseForWriteAsync().ConfigureAwait(false);
        await _connection.GuardAsync(database.ScriptEvaluateAsync(
            RedisScripts.PrefixInvalidate,
            [Keys.PrefixVersion(prefix)],
            WithMessage([(long)Options.VersionRetention.TotalMilliseconds], CacheInvalidation.Prefix(prefix)))).ConfigureAwait(false);
        _ = CleanUpAsync(database, prefix);
    }

    /// <summary>Removes the keys a prefix's tag set lists (memory only: they are no longer served). Never faults.</summary>
    private async Task CleanUpAsync(IDatabase database, string prefix)
    {
        try
        {
            var tag = Keys.Tag(prefix);
            var members = await _connection.GuardAsync(database.SetMembersAsync(tag)).ConfigureAwait(false);
            var removals = new List<Task>(members.Length + 1);
            foreach (var member in members)
            {
                removals.Add(RemoveAsync(database, member.ToString()));
            }

            removals.Add(database.KeyDeleteAsync(tag));
            await _connection.GuardAsync(Task.WhenAll(removals)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The invalidation itself is done (the version was bumped); the entries left behind are never served.
        }
    }

    /// <summary>The script arguments, plus the channel and this instance's backplane message when the level publishes them.</summary>
    private RedisValue[] WithMessage(RedisValue[] arguments, CacheInvalidation invalidation)
        => _backplane is null ? arguments : [.. arguments, Keys.ChannelName, _backplane.Message([invalidation])];

    private Task<RedisResult> RemoveAsync(IDatabase database, string key)
        => database.ScriptEvaluateAsync(
            RedisScripts.Invalidate,
            [Keys.Value(key), Keys.Version(key)],
            [(long)Options.VersionRetention.TotalMilliseconds]);
}
