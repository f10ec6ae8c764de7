using System.Diagnostics.Metrics;
using CachingGen.Diagnostics;
using CachingGen.Internals.Keys;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace CachingGen.Postgres.Internals;

/// <summary>
/// The change feed of one container's cache: sets up the publication, consumes the slot (or stands by while another
/// instance does), turns each committed row change into invalidations (<see cref="FeedMap"/>) and confirms a position only
/// after the cache took them. Its parts: start-up and status here, the stream in <c>PostgresChangeFeed.Stream.cs</c>,
/// the slot's life (creation, loss, limits, heartbeats) in <c>PostgresChangeFeed.Slot.cs</c>.
/// </summary>
internal sealed partial class PostgresChangeFeed : IChangeFeed, IDisposable
{
    private readonly CachingGenCache _cache;
    private readonly PostgresChangeFeedOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Meter _meter;
    private FeedDatabase? _database;
    private FeedMap _map = new([]);
    private Task? _consumer;
    private Task? _monitor;
    private volatile ChangeFeedState _state = ChangeFeedState.Starting;
    private volatile string? _problem;
    private volatile bool _isConsumer;
    private volatile bool _slotMissing;
    private long _lagBytes = -1;
    private long _lagTicks;
    private long _appliedLsn;
    private Exception? _fatal;

    public PostgresChangeFeed(CachingGenCache cache, IOptions<PostgresChangeFeedOptions> options, ILoggerFactory? loggers = null, TimeProvider? time = null)
    {
        _cache = cache;
        _options = options.Value;
        _logger = (ILogger?)loggers?.CreateLogger("CachingGen.Postgres") ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _meter = FeedCounters.CreateMeter(this);
    }

    internal FeedCounters Counters { get; } = new();

    internal FeedMap Map => _map;

    /// <summary>The last commit position this instance applied (tests and the start-up barrier read it).</summary>
    internal NpgsqlLogSequenceNumber AppliedLsn => new((ulong)Interlocked.Read(ref _appliedLsn));

    public ChangeFeedStatus Status
    {
        get
        {
            var lag = TimeSpan.FromTicks(Interlocked.Read(ref _lagTicks));
            var state = _state;
            var problem = _problem ?? (_slotMissing ? $"the slot '{_options.SlotName}' does not exist: writes made elsewhere are not seen until it is created again" : null);
            return new ChangeFeedStatus(state, Interlocked.Read(ref _lagBytes), lag, Counters.Snapshot(), problem)
            {
                IsConsumer = _isConsumer,
                IsDegraded = state is ChangeFeedState.Reconnecting or ChangeFeedState.Starting || lag > _options.DegradedLag,
                IsUnhealthy = state == ChangeFeedState.Failed || _slotMissing,
            };
        }
    }

    /// <summary>
    /// Sets up and starts consuming; returns once every change committed before the call is applied (by this instance or
    /// by the one that consumes the slot), or throws when that cannot happen within <see cref="PostgresChangeFeedOptions.StartTimeout"/>.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _options.Validate();
        _cache.ChangeFeed = this;
        var problems = new List<string>();
        _map = new FeedMap(ManifestReader.Read(CacheManifest.ByAssembly, problems));
        foreach (var problem in problems)
        {
            FeedLog.Failed(_logger, problem);
        }

        // Registered before any value is stored, so that the distributed level indexes keys under the prefixes the feed removes by.
        foreach (var shape in _map.Shapes)
        {
            PrefixIndex.Register(shape);
        }

        if (_map.Uncovered.ToList() is { Count: > 0 } uncovered)
        {
            FeedLog.Uncovered(_logger, uncovered.Count, string.Join("; ", uncovered.Select(r => $"{r.Method}: {r.Unknown ?? "no tables"}")));
        }

        _database = new FeedDatabase(_options.ResolveConnectionString(), _options);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        timeout.CancelAfter(_options.StartTimeout);
        try
        {
            var tables = await SetUpAsync(timeout.Token).ConfigureAwait(false);
            _consumer = Task.Run(() => ConsumeAsync(_stopping.Token), CancellationToken.None);
            _monitor = Task.Run(() => MonitorAsync(_stopping.Token), CancellationToken.None);

            await SyncAsync(timeout.Token).ConfigureAwait(false);
            var followed = string.Join(", ", tables);
            FeedLog.Live(_logger, _options.SlotName, _options.PublicationName, tables.Count, followed);
        }
        catch (OperationCanceledException) when (Volatile.Read(ref _fatal) is { } fatal)
        {
            // The feed failed while start-up waited (a refused role, a slot taken without a backplane): that, not a timeout.
            throw fatal;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail($"the change feed did not catch up within StartTimeout ({_options.StartTimeout.TotalSeconds:0.#} s){(_problem is null ? "" : ": " + _problem)}. Reads could be stale by more than the feed's lag, so the application does not start.");
        }
        catch (InvalidOperationException ex) when (_state != ChangeFeedState.Failed)
        {
            // A setting or a right the database lacks (the message says which, with the SQL to run): the state says so too.
            throw Fail(ex.Message.Replace("CachingGen.Postgres: ", "", StringComparison.Ordinal), ex);
        }
        catch (Exception ex) when (ex is not InvalidOperationException and not OperationCanceledException)
        {
            throw Fail($"the change feed could not start: {_database.Explain(ex) ?? ex.Message}", ex);
        }
    }

    /// <summary>
    /// Checks the settings, finds the tables and sets up the publication; while PostgreSQL does not answer yet (an
    /// application that starts before its database), tries again with back-off until StartTimeout.
    /// </summary>
    private async Task<List<string>> SetUpAsync(CancellationToken cancellationToken)
    {
        var delay = s_firstRetry;
        while (true)
        {
            try
            {
                await _database!.CheckSettingsAsync(cancellationToken).ConfigureAwait(false);
                var missing = new List<string>();
                var tables = await _database.ResolveTablesAsync(_map.Tables, missing, cancellationToken).ConfigureAwait(false);
                if (missing.Count > 0)
                {
                    FeedLog.MissingTables(_logger, string.Join(", ", missing));
                }

                _map.TreatAsInexact(await _database.InexactColumnsAsync(_map.Tables, cancellationToken).ConfigureAwait(false));
                await _database.EnsurePublicationAsync(tables, cancellationToken).ConfigureAwait(false);
                return tables;
            }
            catch (NpgsqlException ex) when (ex is not PostgresException || ((PostgresException)ex).SqlState.StartsWith("57P", StringComparison.Ordinal))
            {
                // Not reachable, or starting up or shutting down (57P0x): the database is not there yet.
                _problem = $"PostgreSQL does not answer yet ({ex.Message}); trying again";
                FeedLog.Reconnecting(_logger, ex.Message, delay.TotalSeconds);
                await Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
            }
        }
    }

    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var task in new[] { _consumer, _monitor })
        {
            if (task is not null)
            {
                await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _meter.Dispose();
    }

    /// <summary>
    /// The barrier: returns once every change committed before the call is applied. It writes a marker into the slot's
    /// stream and waits until this instance applied it, or the slot's confirmed position passed it (another instance
    /// consumes and applies in commit order). The marker is written only while the slot exists: a slot created after it
    /// would start past it without having applied anything (its creator empties the cache first, but after creating it).
    /// </summary>
    internal async Task SyncAsync(CancellationToken cancellationToken)
    {
        while (await _database!.SlotAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            if (Volatile.Read(ref _fatal) is { } fatal)
            {
                throw fatal;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), _time, cancellationToken).ConfigureAwait(false);
        }

        var marker = await _database.EmitMarkerAsync("sync", cancellationToken).ConfigureAwait(false);
        await WaitAppliedAsync(marker, cancellationToken).ConfigureAwait(false);
    }

    private async Task WaitAppliedAsync(NpgsqlLogSequenceNumber marker, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (Volatile.Read(ref _fatal) is { } fatal)
            {
                throw fatal;
            }

            if (AppliedLsn >= marker)
            {
                return;
            }

            // Another consumer's progress counts only when its invalidations reach this instance: through a backplane.
            if (!_isConsumer && _cache.Distributed is not null && await _database!.SlotAsync(cancellationToken).ConfigureAwait(false) is { ConfirmedFlush: { } confirmed } && confirmed >= marker)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(_isConsumer ? 5 : 100), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private InvalidOperationException Fail(string problem, Exception? inner = null)
    {
        _state = ChangeFeedState.Failed;
        _problem = problem;
        FeedLog.Failed(_logger, problem);

        // A feed that failed stops trying: its state stays Failed (unhealthy) and says why, rather than flapping.
        _stopping.Cancel();
        return new InvalidOperationException("CachingGen.Postgres: " + problem, inner);
    }
}
