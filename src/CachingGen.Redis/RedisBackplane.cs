using CachingGen.Distributed;
using CachingGen.Infrastructure;
using CachingGen.Redis.Backplane;
using CachingGen.Redis.Internals;
using Microsoft.Extensions.Logging;

namespace CachingGen.Redis;

/// <summary>
/// Redis pub/sub as CachingGen's backplane: each instance publishes what it invalidated on the channel
/// <c>{KeyPrefix}invalidations</c> — one message per write, listing all its keys and prefixes (<c>BackplaneMessage</c>
/// owns the format) — and drops its in-process copies of what the others publish. When the
/// subscription drops and comes back, messages may have been lost, so listeners are told to trust nothing.
/// </summary>
public sealed partial class RedisBackplane : ICacheBackplane, IAsyncDisposable, IDisposable
{
    private readonly RedisConnection _connection;
    private readonly bool _ownsConnection;
    private readonly string _instanceId = Guid.NewGuid().ToString("N");
    private readonly byte[] _ownHeader;
    private readonly List<IDistributedInvalidationListener> _listeners = new();
    private readonly Lock _listenersLock = new();
    private long _messagesDecoded;

    /// <summary>Connects in the background (its own connection; <c>UseRedis</c> shares one with the level).</summary>
    public RedisBackplane(RedisCacheOptions options, ILoggerFactory? loggerFactory = null)
        : this(new RedisConnection(options, loggerFactory), ownsConnection: true)
    {
    }

    internal RedisBackplane(RedisConnection connection, bool ownsConnection)
    {
        _connection = connection;
        _ownsConnection = ownsConnection;
        _ownHeader = BackplaneMessage.SenderHeader(_instanceId);
        _ = SubscribeWhenConnectedAsync();
    }

    /// <summary>
    /// Set when a <see cref="RedisCacheLevel"/> on the same connection publishes this backplane's messages from inside its
    /// removal scripts (one round trip, and never before the value is gone): the publish calls then have nothing to do.
    /// </summary>
    internal bool PublishedByLevel { get; set; }

    /// <summary>Messages from other instances decoded and applied (this instance's own are dropped before decoding).</summary>
    internal long MessagesDecoded => Interlocked.Read(ref _messagesDecoded);

    /// <inheritdoc />
    public Task PublishKeyInvalidatedAsync(string key)
        => PublishedByLevel ? Task.CompletedTask : PublishAsync(Message([CacheInvalidation.Key(key)]));

    /// <inheritdoc />
    public Task PublishPrefixInvalidatedAsync(string prefix)
        => PublishedByLevel ? Task.CompletedTask : PublishAsync(Message([CacheInvalidation.Prefix(prefix)]));

    /// <inheritdoc />
    /// <remarks>One message for all of them, whatever their number.</remarks>
    public Task PublishInvalidatedAsync(IReadOnlyList<CacheInvalidation> invalidations)
    {
        ArgumentNullException.ThrowIfNull(invalidations);

        // An empty message would read, to an earlier release, as "flush everything".
        return PublishedByLevel || invalidations.Count == 0 ? Task.CompletedTask : PublishAsync(Message(invalidations));
    }

    /// <summary>This instance's message for one write's invalidations, encoded (for the level's scripts too).</summary>
    internal string Message(IReadOnlyList<CacheInvalidation> invalidations) => new BackplaneMessage(_instanceId, invalidations).Encode();

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
    public ValueTask DisposeAsync() => _ownsConnection ? _connection.DisposeAsync() : ValueTask.CompletedTask;

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task PublishAsync(string message)
    {
        var database = await _connection.DatabaseForWriteAsync().ConfigureAwait(false);
        await _connection.GuardAsync(database.Multiplexer.GetSubscriber().PublishAsync(_connection.Keys.Channel, message)).ConfigureAwait(false);
    }

    private async Task SubscribeWhenConnectedAsync()
    {
        IConnectionMultiplexer connection;
        try
        {
            connection = await _connection.Multiplexer.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogConnectFailed(_connection.Logger, ex);
            return;
        }

        connection.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription)
            {
                // Messages sent while the subscription was down are lost: no in-process copy can be trusted.
                LogSubscriptionRestored(_connection.Logger);
                Notify(static listener => listener.OnInvalidationsMissed());
            }
        };

        try
        {
            // The client re-subscribes by itself after a reconnect.
            await connection.GetSubscriber().SubscribeAsync(_connection.Keys.Channel, (_, message) => OnMessage(message)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogConnectFailed(_connection.Logger, ex);
        }
    }

    private void OnMessage(RedisValue value)
    {
        // This instance's own message (every write sends one, and this instance is subscribed too): dropped on its first
        // bytes, before anything is decoded or allocated for it.
        if (((ReadOnlyMemory<byte>)value).Span.StartsWith(_ownHeader)
            || !BackplaneMessage.TryDecode(value, out var message) || message.Sender == _instanceId)
        {
            return;
        }

        Interlocked.Increment(ref _messagesDecoded);
        Notify(listener =>
        {
            foreach (var invalidation in message.Invalidations)
            {
                if (invalidation.IsPrefix)
                {
                    listener.OnPrefixInvalidated(invalidation.KeyOrPrefix);
                }
                else
                {
                    listener.OnKeyInvalidated(invalidation.KeyOrPrefix);
                }
            }
        });
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

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "CachingGen.Redis: the invalidation subscription was restored; in-process entries were dropped because invalidations may have been missed.")]
    private static partial void LogSubscriptionRestored(ILogger logger);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "CachingGen.Redis: could not connect or subscribe yet; the cache runs in-process until Redis answers.")]
    private static partial void LogConnectFailed(ILogger logger, Exception exception);
}
