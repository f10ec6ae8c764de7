using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using CachingGen.Distributed;
using CachingGen.Redis.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace CachingGen.Redis;

/// <summary>
/// Redis as CachingGen's distributed level: values with their TTL, a per-key invalidation version checked by a
/// script on every write (the race guard), tag sets for prefix invalidation, and a pub/sub channel on which
/// instances tell each other what they invalidated. Every operation is bounded by
/// <see cref="RedisCacheOptions.OperationTimeout"/> (by the client's own timeout checks on a connection this level
/// creates; by a per-operation timer on a connection the application supplies) and guarded by a circuit breaker.
/// </summary>
public sealed partial class RedisCacheLevel : IDistributedCacheLevel, IAsyncDisposable, IDisposable
{
    // The race guard: store only if nobody invalidated the key since the loader read its version. (Reads are
    // a plain MGET of the value and the version: no script on the hit path.)
    private const string WriteScript = """
        if (redis.call('GET', KEYS[2]) or '') ~= ARGV[1] then return 0 end
        redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
        return 1
        """;

    private const string InvalidateScript = """
        redis.call('DEL', KEYS[1])
        redis.call('INCR', KEYS[2])
        redis.call('PEXPIRE', KEYS[2], ARGV[1])
        return 1
        """;

    // A tag set lives as long as its longest-lived member.
    private const string TagScript = """
        redis.call('SADD', KEYS[1], ARGV[1])
        if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 1
        """;

    // Far beyond any TTL an entry is written with (CG0010 warns past 30 days): a header saying otherwise is garbage.
    private const long MaxPlausibleTtlMilliseconds = 400L * 24 * 60 * 60 * 1000;

    private readonly RedisCacheOptions _options;
    private readonly RedisKeyLayout _keys;
    private readonly CircuitBreaker _breaker;
    private readonly ILogger _logger;
    private readonly string _instanceId = Guid.NewGuid().ToString("N");
    private readonly bool _ownsConnection;
    private readonly Task<IConnectionMultiplexer> _connection;
    private readonly List<IDistributedInvalidationListener> _listeners = new();
    private readonly Lock _listenersLock = new();
    private int _disposed;

    /// <summary>Connects in the background: construction never waits for Redis, and never fails because it is down.</summary>
    public RedisCacheLevel(RedisCacheOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _keys = new RedisKeyLayout(options.KeyPrefix);
        _breaker = new CircuitBreaker(options.CircuitBreakerFailures, options.CircuitBreakerCoolDown, options.TimeProvider);
        _logger = (ILogger?)loggerFactory?.CreateLogger<RedisCacheLevel>() ?? NullLogger.Instance;
        _ownsConnection = options.Connection is null;
        _connection = options.Connection is { } existing ? Task.FromResult(existing) : ConnectAsync(options);
        _ = SubscribeWhenConnectedAsync();
    }

    /// <summary>Whether the circuit breaker currently skips Redis.</summary>
    public bool IsCircuitOpen => _breaker.IsOpen;

    /// <summary>The connection, once made (null while connecting or if it failed).</summary>
    public IConnectionMultiplexer? Connection => _connection.IsCompletedSuccessfully ? _connection.Result : null;

    /// <inheritdoc />
    public async ValueTask<DistributedEntry<T>> TryGetAsync<T>(string key, CancellationToken cancellationToken)
    {
        if (!TryGetDatabase(out var database))
        {
            return DistributedEntry.Unavailable<T>();
        }

        var values = await GuardAsync(database.StringGetAsync([_keys.Value(key), _keys.Version(key)])).ConfigureAwait(false);
        return Decode<T>(key, values);
    }

    /// <inheritdoc />
    public DistributedEntry<T> TryGet<T>(string key)
    {
        if (!TryGetDatabase(out var database))
        {
            return DistributedEntry.Unavailable<T>();
        }

        RedisValue[] values;
        try
        {
            values = database.StringGet([_keys.Value(key), _keys.Version(key)]);
            OnSuccess();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            OnFailure();
            throw;
        }

        return Decode<T>(key, values);
    }

    /// <inheritdoc />
    public async Task<bool> SetAsync<T>(string key, T value, TimeSpan ttl, string version)
    {
        if (!TryGetDatabase(out var database))
        {
            return false;
        }

        var milliseconds = Math.Max(1, (long)ttl.TotalMilliseconds);
        var bytes = Envelope.Wrap(_options.Serializer.Serialize(value), _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds() + milliseconds);
        var stored = (long)await GuardAsync(database.ScriptEvaluateAsync(
            WriteScript,
            [_keys.Value(key), _keys.Version(key)],
            [version, bytes, milliseconds])).ConfigureAwait(false) == 1;
        if (!stored)
        {
            return false;
        }

        // Index the key under each prefix a declared prefix invalidation can name (one small script per tag
        // set; they may live on other cluster nodes), so that invalidation finds it without scanning.
        var prefixes = PrefixShapes.PrefixesOf(key);
        if (prefixes.Count > 0)
        {
            var tags = new Task[prefixes.Count];
            for (var i = 0; i < tags.Length; i++)
            {
                tags[i] = database.ScriptEvaluateAsync(TagScript, [_keys.Tag(prefixes[i])], [key, milliseconds]);
            }

            await GuardAsync(Task.WhenAll(tags)).ConfigureAwait(false);
        }

        return true;
    }

    /// <inheritdoc />
    public async Task InvalidateAsync(string key)
    {
        var database = DatabaseOrThrow();
        await GuardAsync(RemoveAsync(database, key)).ConfigureAwait(false);
        await PublishAsync(database, 'k', key).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads the prefix's tag set and removes each key in it: the cost is one round trip plus one small
    /// script per key under the prefix, whatever the size of the keyspace. Nothing blocks Redis (no KEYS, no SCAN).
    /// </remarks>
    public async Task InvalidatePrefixAsync(string prefix)
    {
        var database = DatabaseOrThrow();
        var tag = _keys.Tag(prefix);
        var members = await GuardAsync(database.SetMembersAsync(tag)).ConfigureAwait(false);
        var removals = new List<Task>(members.Length + 1);
        foreach (var member in members)
        {
            removals.Add(RemoveAsync(database, member.ToString()));
        }

        removals.Add(database.KeyDeleteAsync(tag));
        await GuardAsync(Task.WhenAll(removals)).ConfigureAwait(false);
        await PublishAsync(database, 'p', prefix).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Subscribe(IDistributedInvalidationListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (_listenersLock)
        {
            _listeners.Add(listener);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || !_ownsConnection)
        {
            return;
        }

        try
        {
            var connection = await _connection.ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidOperationException)
        {
            // Never connected: nothing to close.
        }
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private Task<RedisResult> RemoveAsync(IDatabase database, string key)
        => database.ScriptEvaluateAsync(
            InvalidateScript,
            [_keys.Value(key), _keys.Version(key)],
            [(long)_options.VersionRetention.TotalMilliseconds]);

    private async Task PublishAsync(IDatabase database, char kind, string keyOrPrefix)
    {
        var subscriber = database.Multiplexer.GetSubscriber();
        await GuardAsync(subscriber.PublishAsync(_keys.Channel, $"{_instanceId}\n{kind}\n{keyOrPrefix}")).ConfigureAwait(false);
    }

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
            var remaining = Envelope.ExpiresAt(stored) - _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
            if (remaining > MaxPlausibleTtlMilliseconds)
            {
                throw new FormatException("The stored entry's expiry is implausible.");
            }

            if (remaining <= 0)
            {
                return DistributedEntry.Miss<T>(version);
            }

            var value = _options.Serializer.Deserialize<T>(Envelope.Payload(stored));
            return DistributedEntry.Hit(value, TimeSpan.FromMilliseconds(remaining), version);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Garbage, or an entry written by another version of the type: remove it so the reload replaces it.
            if (TryGetDatabase(out var database))
            {
                _ = database.KeyDeleteAsync(_keys.Value(key), CommandFlags.FireAndForget);
            }

            return DistributedEntry.Corrupt<T>(version, new InvalidOperationException($"The Redis entry for '{key}' could not be read as {typeof(T).Name}; it was removed.", ex));
        }
    }

    private bool TryGetDatabase(out IDatabase database)
    {
        database = null!;
        if (!_connection.IsCompletedSuccessfully || !_breaker.TryEnter())
        {
            return false;
        }

        var connection = _connection.Result;
        if (!connection.IsConnected)
        {
            // Fails fast instead of queueing behind a dead connection; counts toward opening the circuit.
            OnFailure();
            return false;
        }

        database = connection.GetDatabase();
        return true;
    }

    private IDatabase DatabaseOrThrow()
        => TryGetDatabase(out var database)
            ? database
            : throw new InvalidOperationException("CachingGen.Redis: Redis is unavailable (disconnected or circuit open); the invalidation will be replayed when it answers.");

    private async Task<TResult> GuardAsync<TResult>(Task<TResult> operation)
    {
        try
        {
            var result = await (_ownsConnection ? operation : operation.WaitAsync(_options.OperationTimeout)).ConfigureAwait(false);
            OnSuccess();
            return result;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            OnFailure();
            Observe(operation);
            throw;
        }
    }

    private async Task GuardAsync(Task operation)
    {
        try
        {
            await (_ownsConnection ? operation : operation.WaitAsync(_options.OperationTimeout)).ConfigureAwait(false);
            OnSuccess();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            OnFailure();
            Observe(operation);
            throw;
        }
    }

    // A timed-out operation may still fail later; observe it so it is not an unobserved task exception.
    private static void Observe(Task operation)
        => operation.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private void OnSuccess()
    {
        if (_breaker.OnSuccess())
        {
            LogCircuitClosed(_logger);
        }
    }

    private void OnFailure()
    {
        if (_breaker.OnFailure())
        {
            LogCircuitOpened(_logger, _options.CircuitBreakerFailures, _options.CircuitBreakerCoolDown.TotalSeconds);
        }
    }

    private static async Task<IConnectionMultiplexer> ConnectAsync(RedisCacheOptions options)
    {
        var configuration = ConfigurationOptions.Parse(options.Configuration!);
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = (int)options.ConnectTimeout.TotalMilliseconds;
        configuration.SyncTimeout = Math.Max(1, (int)options.OperationTimeout.TotalMilliseconds);
        configuration.AsyncTimeout = Math.Max(1, (int)options.OperationTimeout.TotalMilliseconds);
        configuration.BacklogPolicy = BacklogPolicy.FailFast;

        // The client checks for timed-out commands at each heartbeat; beating at half the budget keeps a slow
        // Redis within about 1.5× OperationTimeout without a timer per command.
        configuration.HeartbeatInterval = TimeSpan.FromMilliseconds(Math.Clamp(options.OperationTimeout.TotalMilliseconds / 2, 50, 1000));
        configuration.ClientName ??= "cachinggen";
        return await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
    }

    private async Task SubscribeWhenConnectedAsync()
    {
        IConnectionMultiplexer connection;
        try
        {
            connection = await _connection.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogConnectFailed(_logger, ex);
            return;
        }

        connection.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription)
            {
                // Messages sent while the subscription was down are lost: no in-process copy can be trusted.
                LogSubscriptionRestored(_logger);
                Notify(static listener => listener.OnInvalidationsMissed());
            }
        };

        try
        {
            // The client re-subscribes by itself after a reconnect.
            await connection.GetSubscriber().SubscribeAsync(_keys.Channel, (_, message) => OnMessage(message)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogConnectFailed(_logger, ex);
        }
    }

    private void OnMessage(RedisValue message)
    {
        var text = (string?)message;
        var parts = text?.Split('\n', 3);
        if (parts is not { Length: 3 } || parts[0] == _instanceId)
        {
            return;
        }

        var keyOrPrefix = parts[2];
        switch (parts[1])
        {
            case "k":
                Notify(listener => listener.OnKeyInvalidated(keyOrPrefix));
                break;
            case "p":
                Notify(listener => listener.OnPrefixInvalidated(keyOrPrefix));
                break;
        }
    }

    private void Notify(Action<IDistributedInvalidationListener> action)
    {
        IDistributedInvalidationListener[] listeners;
        lock (_listenersLock)
        {
            listeners = _listeners.ToArray();
        }

        foreach (var listener in listeners)
        {
            action(listener);
        }
    }

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "CachingGen.Redis: {Failures} Redis operations failed in a row; Redis is skipped for {CoolDownSeconds} s (in-process entries are still served).")]
    private static partial void LogCircuitOpened(ILogger logger, int failures, double coolDownSeconds);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "CachingGen.Redis: Redis answers again; the circuit is closed.")]
    private static partial void LogCircuitClosed(ILogger logger);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "CachingGen.Redis: the invalidation subscription was restored; in-process entries were dropped because invalidations may have been missed.")]
    private static partial void LogSubscriptionRestored(ILogger logger);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "CachingGen.Redis: could not connect or subscribe yet; the cache runs in-process until Redis answers.")]
    private static partial void LogConnectFailed(ILogger logger, Exception exception);
}
