using CachingGen.Distributed;
using CachingGen.Infrastructure;
using CachingGen.Redis.Internals;
using Microsoft.Extensions.Logging;

namespace CachingGen.Redis;

/// <summary>
/// Redis as CachingGen's distributed level: values with their TTL, a per-key invalidation version checked by a
/// script on every write (the race guard), and tag sets for prefix invalidation. Every operation is bounded by
/// <see cref="RedisCacheOptions.OperationTimeout"/> and guarded by a circuit breaker. Telling other instances what
/// was invalidated is <see cref="RedisBackplane"/>'s job.
/// </summary>
public sealed partial class RedisCacheLevel : IDistributedCacheLevel, IDistributedLoadLock, IDistributedLevelStatus, IDistributedCacheClear, IAsyncDisposable, IDisposable
{
    // Far beyond any TTL an entry is written with (CG0010 warns past 30 days): a header saying otherwise is garbage.
    private const long MaxPlausibleTtlMilliseconds = 400L * 24 * 60 * 60 * 1000;

    private readonly RedisConnection _connection;
    private readonly bool _ownsConnection;

    // The backplane whose messages the removal scripts publish (built over the same connection by UseRedis).
    private readonly RedisBackplane? _backplane;

    /// <summary>Connects in the background: construction never waits for Redis, and never fails because it is down.</summary>
    public RedisCacheLevel(RedisCacheOptions options, ILoggerFactory? loggerFactory = null)
        : this(new RedisConnection(options, loggerFactory), ownsConnection: true)
    {
    }

    internal RedisCacheLevel(RedisConnection connection, bool ownsConnection, RedisBackplane? publishesFor = null)
    {
        _connection = connection;
        _ownsConnection = ownsConnection;
        _backplane = publishesFor;
        if (publishesFor is not null)
        {
            publishesFor.PublishedByLevel = true;
        }
    }

    /// <summary>Whether the circuit breaker currently skips Redis.</summary>
    public bool IsCircuitOpen => _connection.IsCircuitOpen;

    /// <summary>Whether the connection is up now.</summary>
    public bool IsConnected => Connection is { IsConnected: true };

    /// <summary>The connection, once made (null while connecting or if it failed).</summary>
    public IConnectionMultiplexer? Connection => _connection.Multiplexer.IsCompletedSuccessfully ? _connection.Multiplexer.Result : null;

    private RedisKeyLayout Keys => _connection.Keys;

    private RedisCacheOptions Options => _connection.Options;

    /// <inheritdoc />
    public async ValueTask<DistributedEntry<T>> TryGetAsync<T>(string key, IReadOnlyList<string> prefixes, uint resultShape, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefixes);
        if (!_connection.TryGetDatabase(out var database))
        {
            return DistributedEntry.Unavailable<T>();
        }

        // Sent together (pipelined): the value with its key version (one slot), and each prefix's version (their own slots).
        var reading = database.StringGetAsync([Keys.Value(key), Keys.Version(key)]);
        var prefixReads = new Task<RedisValue>[prefixes.Count];
        for (var i = 0; i < prefixReads.Length; i++)
        {
            prefixReads[i] = database.StringGetAsync(Keys.PrefixVersion(prefixes[i]));
        }

        // One guarded wait for all of them, so a failure of one never leaves the others unobserved.
        RedisValue[] values;
        RedisValue[] prefixVersions;
        if (prefixReads.Length == 0)
        {
            values = await _connection.GuardAsync(reading).ConfigureAwait(false);
            prefixVersions = [];
        }
        else
        {
            var all = Task.WhenAll(prefixReads);
            await _connection.GuardAsync(Task.WhenAll(reading, all)).ConfigureAwait(false);
            (values, prefixVersions) = (reading.Result, all.Result);
        }

        return Decode<T>(key, values, prefixVersions, resultShape);
    }

    /// <inheritdoc />
    public DistributedEntry<T> TryGet<T>(string key, IReadOnlyList<string> prefixes, uint resultShape)
    {
        ArgumentNullException.ThrowIfNull(prefixes);
        if (!_connection.TryGetDatabase(out var database))
        {
            return DistributedEntry.Unavailable<T>();
        }

        var values = _connection.Guard(db => db.StringGet([Keys.Value(key), Keys.Version(key)]), database);
        var prefixVersions = new RedisValue[prefixes.Count];
        for (var i = 0; i < prefixVersions.Length; i++)
        {
            prefixVersions[i] = _connection.Guard(db => db.StringGet(Keys.PrefixVersion(prefixes[i])), database);
        }

        return Decode<T>(key, values, prefixVersions, resultShape);
    }

    /// <inheritdoc />
    public async Task<bool> SetAsync<T>(string key, T value, TimeSpan ttl, string version, IReadOnlyList<string> prefixes, uint resultShape)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(prefixes);
        var loaded = LoadVersion.Decode(version);
        if (loaded.PrefixVersions.Length != prefixes.Count || !_connection.TryGetDatabase(out var database))
        {
            // A prefix shape was declared (an assembly loaded) between the read and the write: read again next time.
            return false;
        }

        var milliseconds = Math.Max(1, (long)ttl.TotalMilliseconds);
        if (prefixes.Count > 0)
        {
            // First make each prefix's version outlive this value (and tag the key for clean-up); only then write it.
            var margin = (long)Options.VersionRetention.TotalMilliseconds;
            var prepared = new Task<RedisResult>[prefixes.Count];
            for (var i = 0; i < prepared.Length; i++)
            {
                prepared[i] = database.ScriptEvaluateAsync(RedisScripts.PrefixWrite, [Keys.PrefixVersion(prefixes[i]), Keys.Tag(prefixes[i])], [key, milliseconds, margin]);
            }

            var created = await _connection.GuardAsync(Task.WhenAll(prepared)).ConfigureAwait(false);
            for (var i = 0; i < created.Length; i++)
            {
                // The load read no counter and this write created it: nothing invalidated the prefix in between, so the
                // value belongs under the new counter. Any other missing read stays Missing: never served.
                if (loaded.PrefixVersions[i] == LoadVersion.Missing && (string?)created[i] is { Length: > 0 } epoch)
                {
                    loaded.PrefixVersions[i] = long.Parse(epoch, System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }

        var bytes = Envelope.Wrap(Options.Serializer.Serialize(value), Options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds() + milliseconds, resultShape, loaded.PrefixVersions);
        return (long)await _connection.GuardAsync(database.ScriptEvaluateAsync(
            RedisScripts.Write,
            [Keys.Value(key), Keys.Version(key)],
            [loaded.KeyVersion, bytes, milliseconds])).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    /// <remarks><c>SET {key}:lock token NX PX expiry</c>. Throws when Redis is unavailable: the cache then loads by itself.</remarks>
    public async Task<string?> TryAcquireLoadLockAsync(string key, TimeSpan expiry)
    {
        if (!_connection.TryGetDatabase(out var database))
        {
            throw new InvalidOperationException("CachingGen.Redis: Redis is unavailable (disconnected or circuit open); this instance loads by itself.");
        }

        var token = Guid.NewGuid().ToString("N");
        var taken = await _connection.GuardAsync(database.StringSetAsync(Keys.Lock(key), token, expiry, When.NotExists)).ConfigureAwait(false);
        return taken ? token : null;
    }

    /// <inheritdoc />
    public async Task ReleaseLoadLockAsync(string key, string token)
    {
        // Unavailable now: the lock expires by itself.
        if (_connection.TryGetDatabase(out var database))
        {
            await _connection.GuardAsync(database.ScriptEvaluateAsync(RedisScripts.ReleaseLock, [Keys.Lock(key)], [token])).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Deletes every key under <see cref="RedisCacheOptions.KeyPrefix"/> on every primary, found with <c>SCAN</c> (in pages,
    /// so Redis is never blocked) and removed with <c>UNLINK</c>. Values written while it runs may survive it: an operator's
    /// clean-up, not an invalidation (use <c>[Invalidates]</c> for those).
    /// </remarks>
    public async Task ClearAsync()
    {
        var database = await _connection.DatabaseForWriteAsync().ConfigureAwait(false);
        var multiplexer = database.Multiplexer;
        foreach (var endpoint in multiplexer.GetEndPoints())
        {
            var server = multiplexer.GetServer(endpoint);
            if (!server.IsConnected || server.IsReplica)
            {
                continue;
            }

            var batch = new List<Task>(256);
            await foreach (var key in server.KeysAsync(database.Database, pattern: Options.KeyPrefix + "*", pageSize: 500).ConfigureAwait(false))
            {
                batch.Add(database.KeyDeleteAsync(key, CommandFlags.DemandMaster));
                if (batch.Count == 256)
                {
                    await _connection.GuardAsync(Task.WhenAll(batch)).ConfigureAwait(false);
                    batch.Clear();
                }
            }

            await _connection.GuardAsync(Task.WhenAll(batch)).ConfigureAwait(false);
        }

        // The other instances clear their in-process level: a prefix of nothing (this level's scripts publish for the backplane).
        if (_backplane is not null)
        {
            await _connection.GuardAsync(database.PublishAsync(Keys.Channel, _backplane.Message([CacheInvalidation.Prefix(string.Empty)]))).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _ownsConnection ? _connection.DisposeAsync() : ValueTask.CompletedTask;

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();


    private DistributedEntry<T> Decode<T>(string key, RedisValue[] values, RedisValue[] prefixValues, uint resultShape)
    {
        var prefixVersions = new long[prefixValues.Length];
        for (var i = 0; i < prefixVersions.Length; i++)
        {
            prefixVersions[i] = LoadVersion.Parse(prefixValues[i]);
        }

        var version = new LoadVersion((string?)values[1] ?? string.Empty, prefixVersions).Encode();
        if (values[0].IsNull)
        {
            return DistributedEntry.Miss<T>(version);
        }

        try
        {
            var stored = (byte[])values[0]!;
            var remaining = Envelope.ExpiresAt(stored, out var storedShape, out var storedPrefixVersions, out var payloadStart) - Options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
            if (remaining > MaxPlausibleTtlMilliseconds || remaining < -MaxPlausibleTtlMilliseconds)
            {
                // Redis expires entries itself (PX), so a header far in the past is as wrong as one far in the future.
                throw new FormatException("The stored entry's expiry is implausible.");
            }

            if (remaining <= 0 || storedShape != resultShape || !LoadVersion.Matches(storedPrefixVersions, prefixVersions))
            {
                // Expired, written by a release whose result type has another shape, or loaded before a prefix
                // invalidation: a miss, not a fault (the reload overwrites it). An entry of another shape is not removed:
                // instances of the other release may still be running and reading it.
                return DistributedEntry.Miss<T>(version);
            }

            var value = Options.Serializer.Deserialize<T>(stored.AsSpan(payloadStart));
            return DistributedEntry.Hit(value, TimeSpan.FromMilliseconds(remaining), version);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Garbage, or an entry written by another version of the type: remove it so the reload replaces it.
            if (_connection.TryGetDatabase(out var database))
            {
                _ = database.KeyDeleteAsync(Keys.Value(key), CommandFlags.FireAndForget);
            }

            return DistributedEntry.Corrupt<T>(version, new InvalidOperationException($"The Redis entry for '{key}' could not be read as {typeof(T).Name}; it was removed.", ex));
        }
    }
}
