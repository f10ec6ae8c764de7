using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CachingGen.Distributed;
using CachingGen.Redis.Internals;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CachingGen.Redis;

/// <summary>
/// Redis as CachingGen's distributed level: values with their TTL, a per-key invalidation version checked by a
/// script on every write (the race guard), and tag sets for prefix invalidation. Every operation is bounded by
/// <see cref="RedisCacheOptions.OperationTimeout"/> and guarded by a circuit breaker. Telling other instances what
/// was invalidated is <see cref="RedisBackplane"/>'s job.
/// </summary>
public sealed class RedisCacheLevel : IDistributedCacheLevel, IAsyncDisposable, IDisposable
{
    // Far beyond any TTL an entry is written with (CG0010 warns past 30 days): a header saying otherwise is garbage.
    private const long MaxPlausibleTtlMilliseconds = 400L * 24 * 60 * 60 * 1000;

    private readonly RedisConnection _connection;
    private readonly bool _ownsConnection;

    /// <summary>Connects in the background: construction never waits for Redis, and never fails because it is down.</summary>
    public RedisCacheLevel(RedisCacheOptions options, ILoggerFactory? loggerFactory = null)
        : this(new RedisConnection(options, loggerFactory), ownsConnection: true)
    {
    }

    internal RedisCacheLevel(RedisConnection connection, bool ownsConnection)
    {
        _connection = connection;
        _ownsConnection = ownsConnection;
    }

    /// <summary>Whether the circuit breaker currently skips Redis.</summary>
    public bool IsCircuitOpen => _connection.IsCircuitOpen;

    /// <summary>The connection, once made (null while connecting or if it failed).</summary>
    public IConnectionMultiplexer? Connection => _connection.Multiplexer.IsCompletedSuccessfully ? _connection.Multiplexer.Result : null;

    private RedisKeyLayout Keys => _connection.Keys;

    private RedisCacheOptions Options => _connection.Options;

    /// <inheritdoc />
    public async ValueTask<DistributedEntry<T>> TryGetAsync<T>(string key, CancellationToken cancellationToken)
    {
        if (!_connection.TryGetDatabase(out var database))
        {
            return DistributedEntry.Unavailable<T>();
        }

        var values = await _connection.GuardAsync(database.StringGetAsync([Keys.Value(key), Keys.Version(key)])).ConfigureAwait(false);
        return Decode<T>(key, values);
    }

    /// <inheritdoc />
    public DistributedEntry<T> TryGet<T>(string key)
    {
        if (!_connection.TryGetDatabase(out var database))
        {
            return DistributedEntry.Unavailable<T>();
        }

        var values = _connection.Guard(db => db.StringGet([Keys.Value(key), Keys.Version(key)]), database);
        return Decode<T>(key, values);
    }

    /// <inheritdoc />
    public async Task<bool> SetAsync<T>(string key, T value, TimeSpan ttl, string version, IReadOnlyList<string> prefixes)
    {
        ArgumentNullException.ThrowIfNull(prefixes);
        if (!_connection.TryGetDatabase(out var database))
        {
            return false;
        }

        var milliseconds = Math.Max(1, (long)ttl.TotalMilliseconds);
        var bytes = Envelope.Wrap(Options.Serializer.Serialize(value), Options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds() + milliseconds);
        var stored = (long)await _connection.GuardAsync(database.ScriptEvaluateAsync(
            RedisScripts.Write,
            [Keys.Value(key), Keys.Version(key)],
            [version, bytes, milliseconds])).ConfigureAwait(false) == 1;
        if (!stored || prefixes.Count == 0)
        {
            return stored;
        }

        // Index the key under each prefix a declared prefix invalidation can name (one small script per tag
        // set; they may live on other cluster nodes), so that invalidation finds it without scanning.
        var tags = new Task[prefixes.Count];
        for (var i = 0; i < tags.Length; i++)
        {
            tags[i] = database.ScriptEvaluateAsync(RedisScripts.Tag, [Keys.Tag(prefixes[i])], [key, milliseconds]);
        }

        await _connection.GuardAsync(Task.WhenAll(tags)).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task InvalidateAsync(string key)
    {
        var database = await _connection.DatabaseForWriteAsync().ConfigureAwait(false);
        await _connection.GuardAsync(RemoveAsync(database, key)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads the prefix's tag set and removes each key in it: the cost is one round trip plus one small
    /// script per key under the prefix, whatever the size of the keyspace. Nothing blocks Redis (no KEYS, no SCAN).
    /// </remarks>
    public async Task InvalidatePrefixAsync(string prefix)
    {
        var database = await _connection.DatabaseForWriteAsync().ConfigureAwait(false);
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

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _ownsConnection ? _connection.DisposeAsync() : ValueTask.CompletedTask;

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private Task<RedisResult> RemoveAsync(IDatabase database, string key)
        => database.ScriptEvaluateAsync(
            RedisScripts.Invalidate,
            [Keys.Value(key), Keys.Version(key)],
            [(long)Options.VersionRetention.TotalMilliseconds]);

    private DistributedEntry<T> Decode<T>(string key, RedisValue[] values)
    {
        var version = (string?)values[1] ?? string.Empty;
        if (values[0].IsNull)
        {
            return DistributedEntry.Miss<T>(version);
        }

        try
        {
            var stored = (byte[])values[0]!;
            var remaining = Envelope.ExpiresAt(stored) - Options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
            if (remaining > MaxPlausibleTtlMilliseconds || remaining < -MaxPlausibleTtlMilliseconds)
            {
                // Redis expires entries itself (PX), so a header far in the past is as wrong as one far in the future.
                throw new FormatException("The stored entry's expiry is implausible.");
            }

            if (remaining <= 0)
            {
                return DistributedEntry.Miss<T>(version);
            }

            var value = Options.Serializer.Deserialize<T>(Envelope.Payload(stored));
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
