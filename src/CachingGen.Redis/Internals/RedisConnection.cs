using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CachingGen.Redis.Internals;

/// <summary>
/// The Redis connection shared by the distributed level and the backplane: made in the background (construction
/// never waits for Redis), and every operation through one guard — bounded by <see cref="RedisCacheOptions.OperationTimeout"/>
/// (the client's own timeout checks on a connection made here; a timer on a connection the application supplies)
/// and counted by one circuit breaker.
/// </summary>
internal sealed partial class RedisConnection : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan ConnectPollInterval = TimeSpan.FromMilliseconds(10);

    private readonly RedisCacheOptions _options;
    private readonly CircuitBreaker _breaker;
    private readonly bool _ownsConnection;
    private int _disposed;

    public RedisConnection(RedisCacheOptions options, ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        Keys = new RedisKeyLayout(options.KeyPrefix);
        Logger = (ILogger?)loggerFactory?.CreateLogger<RedisCacheLevel>() ?? NullLogger.Instance;
        _breaker = new CircuitBreaker(options.CircuitBreakerFailures, options.CircuitBreakerCoolDown, options.TimeProvider);
        _ownsConnection = options.Connection is null;
        Multiplexer = options.Connection is { } existing ? Task.FromResult(existing) : ConnectAsync(options);
    }

    public RedisCacheOptions Options => _options;

    public RedisKeyLayout Keys { get; }

    public ILogger Logger { get; }

    /// <summary>The connection being made (or made, or failed).</summary>
    public Task<IConnectionMultiplexer> Multiplexer { get; }

    public bool IsCircuitOpen => _breaker.IsOpen;

    /// <summary>
    /// The database, when Redis may be asked now: connected, and the circuit closed (or this call is its probe).
    /// A disconnected client fails fast instead of queueing, and that counts toward opening the circuit.
    /// </summary>
    public bool TryGetDatabase(out IDatabase database)
    {
        database = null!;
        if (!Multiplexer.IsCompletedSuccessfully || !_breaker.TryEnter())
        {
            return false;
        }

        var connection = Multiplexer.Result;
        if (!connection.IsConnected)
        {
            OnFailure();
            return false;
        }

        database = connection.GetDatabase();
        return true;
    }

    /// <summary>
    /// The database for an invalidation. While the first connection is still being made (just after start-up), waits
    /// for it within <see cref="RedisCacheOptions.OperationTimeout"/> instead of failing at once: failing would queue
    /// the invalidation for replay and let other instances serve the old value after the write returned. Throws when
    /// Redis is down or the circuit is open; the cache then remembers the invalidation and replays it.
    /// </summary>
    public async ValueTask<IDatabase> DatabaseForWriteAsync()
    {
        // Not while the circuit is open: during an outage a write pays the wait only until the breaker trips.
        if (!_breaker.IsOpen && (!Multiplexer.IsCompletedSuccessfully || !Multiplexer.Result.IsConnected))
        {
            await WaitConnectedAsync(_options.OperationTimeout, CancellationToken.None).ConfigureAwait(false);
        }

        return TryGetDatabase(out var database)
            ? database
            : throw new InvalidOperationException("CachingGen.Redis: Redis is unavailable (disconnected or circuit open); the invalidation will be replayed when it answers.");
    }

    /// <summary>Waits until the connection is up, at most <paramref name="timeout"/> (real time: it waits for a socket); returns whether it is.</summary>
    public async Task<bool> WaitConnectedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        try
        {
            var connection = await Multiplexer.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);

            // Connected, or (AbortOnConnectFail off) retrying in the background: check until the budget is spent.
            while (!connection.IsConnected && Environment.TickCount64 < deadline)
            {
                await Task.Delay(ConnectPollInterval, cancellationToken).ConfigureAwait(false);
            }

            return connection.IsConnected;
        }
        catch (Exception ex) when (ex is TimeoutException or RedisException)
        {
            return false;
        }
    }

    /// <summary>Awaits <paramref name="operation"/> within the time budget, feeding the circuit breaker.</summary>
    public async Task<TResult> GuardAsync<TResult>(Task<TResult> operation)
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

    /// <summary>Awaits <paramref name="operation"/> within the time budget, feeding the circuit breaker.</summary>
    public Task GuardAsync(Task operation) => GuardAsync(AsBoolean(operation));

    /// <summary>Runs a synchronous operation (bounded by the client's sync timeout), feeding the circuit breaker.</summary>
    public TResult Guard<TResult>(Func<IDatabase, TResult> operation, IDatabase database)
    {
        try
        {
            var result = operation(database);
            OnSuccess();
            return result;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            OnFailure();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || !_ownsConnection)
        {
            return;
        }

        try
        {
            var connection = await Multiplexer.ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidOperationException)
        {
            // Never connected: nothing to close.
        }
    }

    /// <summary>For a container disposed synchronously (<c>using var provider = …</c>), which refuses async-only services.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static async Task<bool> AsBoolean(Task operation)
    {
        await operation.ConfigureAwait(false);
        return true;
    }

    // A timed-out operation may still fail later; observe it so it is not an unobserved task exception.
    private static void Observe(Task operation)
        => operation.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private void OnSuccess()
    {
        if (_breaker.OnSuccess())
        {
            LogCircuitClosed(Logger);
        }
    }

    private void OnFailure()
    {
        if (_breaker.OnFailure())
        {
            LogCircuitOpened(Logger, _options.CircuitBreakerFailures, _options.CircuitBreakerCoolDown.TotalSeconds);
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

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "CachingGen.Redis: {Failures} Redis operations failed in a row; Redis is skipped for {CoolDownSeconds} s (in-process entries are still served).")]
    private static partial void LogCircuitOpened(ILogger logger, int failures, double coolDownSeconds);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "CachingGen.Redis: Redis answers again; the circuit is closed.")]
    private static partial void LogCircuitClosed(ILogger logger);
}
