using CachingGen.Diagnostics;
using Npgsql;
using Npgsql.Replication;

namespace CachingGen.Postgres.Internals;

/// <summary>The slot's life: created when missing or lost (and the cache emptied of what the feed covers), dropped past the WAL limit, kept moving by heartbeats.</summary>
internal sealed partial class PostgresChangeFeed
{
    private volatile bool _dropForLimit;
    private bool _createdOnce;

    /// <summary>
    /// Makes sure the slot exists and is usable. A new slot starts at the server's current position: what was committed
    /// before it cannot be known, so every key the feed covers is removed first (after the slot exists, so nothing between
    /// the two is lost).
    /// </summary>
    private async Task EnsureSlotAsync(CancellationToken cancellationToken)
    {
        var state = await _database!.SlotAsync(cancellationToken).ConfigureAwait(false);
        string? reason = null;
        if (_dropForLimit && state is not null)
        {
            FeedLog.TooFarBehind(_logger, _options.SlotName, state.LagBytes, _options.MaxRetainedWalBytes);
            await _database.DropSlotAsync(cancellationToken).ConfigureAwait(false);
            reason = "was dropped: it held more WAL than MaxRetainedWalBytes";
        }
        else if (state is { WalStatus: "lost" })
        {
            await _database.DropSlotAsync(cancellationToken).ConfigureAwait(false);
            reason = "was lost (the server removed WAL it still needed, max_slot_wal_keep_size)";
        }
        else if (state is null)
        {
            reason = "did not exist (first start, or dropped by hand)";
        }

        _dropForLimit = false;
        if (reason is null)
        {
            return;
        }

        await using (var connection = new LogicalReplicationConnection(_database.ConnectionString))
        {
            await connection.Open(cancellationToken).ConfigureAwait(false);
            try
            {
                await connection.CreatePgOutputReplicationSlot(_options.SlotName, temporarySlot: false, slotSnapshotInitMode: LogicalSlotSnapshotInitMode.NoExport, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateObject)
            {
                // Another instance created it at the same moment; it empties the cache, and its invalidations reach this one.
                return;
            }
        }

        _slotMissing = false;
        await FlushCoveredAsync(cancellationToken).ConfigureAwait(false);
        if (state is null && _database.Created && !_createdOnce)
        {
            // The publication was new too: a first start, not a loss.
            FeedLog.FirstSlot(_logger, _options.SlotName);
        }
        else
        {
            FeedLog.SlotCreated(_logger, _options.SlotName, reason);
        }

        _createdOnce = true;
    }

    /// <summary>Removes everything the feed covers, from every level and instance; repeated until the levels take it.</summary>
    private async Task FlushCoveredAsync(CancellationToken cancellationToken)
    {
        var everything = _map.Everything.ToArray();
        var delay = s_firstRetry;
        while (everything.Length > 0 && !await _cache.InvalidateFromFeedAsync(everything).ConfigureAwait(false))
        {
            FeedLog.Retrying(_logger, delay.TotalSeconds);
            await Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
        }
    }

    /// <summary>
    /// Every heartbeat: reads the slot's lag, notices a slot that is gone, and, while consuming, writes a marker (so the
    /// confirmed position moves while the tables are idle) and ends the session when the slot holds more WAL than allowed.
    /// </summary>
    private async Task MonitorAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Delay(_options.HeartbeatInterval, stopping).ConfigureAwait(false);
                var state = await _database!.SlotAsync(stopping).ConfigureAwait(false);
                _slotMissing = state is null;
                Interlocked.Exchange(ref _lagBytes, state?.LagBytes ?? -1);
                if (!_isConsumer)
                {
                    continue;
                }

                if (state is not null && state.LagBytes > _options.MaxRetainedWalBytes)
                {
                    _dropForLimit = true;
                    if (Volatile.Read(ref _session) is { } session)
                    {
                        await session.CancelAsync().ConfigureAwait(false);
                    }

                    continue;
                }

                await _database.EmitMarkerAsync("beat", stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                // The stream's own loop reports and recovers the connection; the monitor tries again next beat.
                Interlocked.Exchange(ref _lagBytes, -1);
            }
        }
    }
}
