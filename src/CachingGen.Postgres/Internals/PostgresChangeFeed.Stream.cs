using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CachingGen.Diagnostics;
using CachingGen.Infrastructure;
using Npgsql;
using Npgsql.Replication;
using Npgsql.Replication.PgOutput;
using Npgsql.Replication.PgOutput.Messages;

namespace CachingGen.Postgres.Internals;

/// <summary>The stream: one replication session after another (reconnecting with back-off), each message applied in commit order.</summary>
internal sealed partial class PostgresChangeFeed
{
    private static readonly TimeSpan s_firstRetry = TimeSpan.FromMilliseconds(500);

    // The monitor asks the consumer to end its session (to drop a slot past the WAL limit) through this.
    private CancellationTokenSource? _session;

    private async Task ConsumeAsync(CancellationToken stopping)
    {
        var delay = s_firstRetry;
        var standbyLogged = false;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                using var session = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                Volatile.Write(ref _session, session);
                await ConsumeSessionAsync(session.Token).ConfigureAwait(false);
                delay = s_firstRetry;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse)
            {
                // The slot is active: another instance consumes it. That is the lease; take over when it is released.
                _isConsumer = false;
                if (_cache.Distributed is null)
                {
                    var problem = $"slot '{_options.SlotName}' is consumed by another process, and without a backplane (UseRedis) its invalidations never reach this instance. Give each instance its own SlotName, or use Redis.";
                    Volatile.Write(ref _fatal, Fail(problem));
                }
                else
                {
                    _state = ChangeFeedState.Standby;
                    _problem = null;
                    if (!standbyLogged)
                    {
                        FeedLog.Standby(_logger, _options.SlotName);
                        standbyLogged = true;
                    }
                }

                await Delay(_options.TakeoverInterval, stopping).ConfigureAwait(false);
                continue;
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                _isConsumer = false;
                if (_state != ChangeFeedState.Failed)
                {
                    _state = ChangeFeedState.Reconnecting;
                    _problem = $"the change feed is reconnecting: {ex.Message}";
                }

                FeedLog.Reconnecting(_logger, ex.Message, delay.TotalSeconds);
                await Delay(delay, stopping).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
            }

            standbyLogged = standbyLogged && _state == ChangeFeedState.Standby;
        }
    }

    private async Task ConsumeSessionAsync(CancellationToken cancellationToken)
    {
        await EnsureSlotAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = new LogicalReplicationConnection(_database!.ConnectionString);
        await connection.Open(cancellationToken).ConfigureAwait(false);
        var slot = new PgOutputReplicationSlot(_options.SlotName);
        var replication = new PgOutputReplicationOptions(_options.PublicationName, PgOutputProtocolVersion.V1, binary: false, streamingMode: null, messages: true, twoPhase: null);

        var batch = new HashSet<CacheInvalidation>();
        var touched = new Dictionary<string, int>(StringComparer.Ordinal);
        var markers = false;
        var lastStatus = _time.GetTimestamp();
        var started = false;
        await foreach (var message in connection.StartReplication(slot, replication, cancellationToken).ConfigureAwait(false))
        {
            if (!started)
            {
                // The first message came: the slot is ours (an active slot fails the first read with ObjectInUse).
                started = true;
                BecomeConsumer();
            }

            switch (message)
            {
                case BeginMessage:
                    batch.Clear();
                    touched.Clear();
                    markers = false;
                    break;
                case InsertMessage insert:
                    Changed(insert.Relation, null, await ReadAsync(insert.NewRow, insert.Relation, cancellationToken).ConfigureAwait(false), batch, touched);
                    break;
                case FullUpdateMessage full:
                    {
                        var old = await ReadAsync(full.OldRow, full.Relation, cancellationToken).ConfigureAwait(false);
                        Changed(full.Relation, old, await ReadAsync(full.NewRow, full.Relation, cancellationToken).ConfigureAwait(false), batch, touched);
                        break;
                    }

                case IndexUpdateMessage index:
                    {
                        // The key changed: the old key columns come first, the rest of the old row is not sent.
                        var oldKey = (await ReadAsync(index.Key, index.Relation, cancellationToken).ConfigureAwait(false)).KeyColumnsOnly(IsKey(index.Relation));
                        Changed(index.Relation, oldKey, await ReadAsync(index.NewRow, index.Relation, cancellationToken).ConfigureAwait(false), batch, touched);
                        break;
                    }

                case UpdateMessage update:
                    {
                        // The default replica identity and an unchanged key: the old row had the new row's key columns; its other columns are unknown.
                        var row = await ReadAsync(update.NewRow, update.Relation, cancellationToken).ConfigureAwait(false);
                        Changed(update.Relation, row.KeyColumnsOnly(IsKey(update.Relation)), row, batch, touched);
                        break;
                    }

                case KeyDeleteMessage keyDelete:
                    Changed(keyDelete.Relation, (await ReadAsync(keyDelete.Key, keyDelete.Relation, cancellationToken).ConfigureAwait(false)).KeyColumnsOnly(IsKey(keyDelete.Relation)), null, batch, touched);
                    break;
                case FullDeleteMessage fullDelete:
                    Changed(fullDelete.Relation, await ReadAsync(fullDelete.OldRow, fullDelete.Relation, cancellationToken).ConfigureAwait(false), null, batch, touched);
                    break;
                case TruncateMessage truncate:
                    foreach (var relation in truncate.Relations)
                    {
                        var before = batch.Count;
                        _map.CollectTruncate(relation.RelationName, batch);
                        Count(relation.RelationName, batch.Count - before, touched);
                    }

                    break;
                case LogicalDecodingMessage logical when logical.Prefix == FeedDatabase.MessagePrefix:
                    markers = true;
                    break;
                case CommitMessage commit:
                    await ApplyAsync(batch, touched, cancellationToken).ConfigureAwait(false);
                    Interlocked.Exchange(ref _lagTicks, Math.Max(0, (_time.GetUtcNow() - commit.TransactionCommitTimestamp).Ticks));
                    Interlocked.Exchange(ref _appliedLsn, (long)(ulong)commit.TransactionEndLsn);
                    connection.SetReplicationStatus(commit.TransactionEndLsn);

                    // A marker waits for the confirmed position (another instance's start-up reads it); otherwise once a second.
                    if (markers || _time.GetElapsedTime(lastStatus) > TimeSpan.FromSeconds(1))
                    {
                        await connection.SendStatusUpdate(cancellationToken).ConfigureAwait(false);
                        lastStatus = _time.GetTimestamp();
                    }

                    break;
            }
        }
    }

    private void BecomeConsumer()
    {
        if (!_isConsumer)
        {
            FeedLog.Consuming(_logger, _options.SlotName);
        }

        _isConsumer = true;
        _state = ChangeFeedState.Live;
        _problem = null;
    }

    private void Changed(RelationMessage relation, RowImage? oldRow, RowImage? newRow, HashSet<CacheInvalidation> batch, Dictionary<string, int> touched)
    {
        var before = batch.Count;
        _map.Collect(relation.RelationName, oldRow, newRow, batch);
        Count(relation.RelationName, batch.Count - before, touched);
    }

    private void Count(string table, int added, Dictionary<string, int> touched)
    {
        Counters.Changed(table);
        touched[table] = touched.GetValueOrDefault(table) + added;
    }

    /// <summary>Applies a transaction's invalidations, again and again while a level refuses them: the position moves only after.</summary>
    private async Task ApplyAsync(HashSet<CacheInvalidation> batch, Dictionary<string, int> touched, CancellationToken cancellationToken)
    {
        if (batch.Count > 0)
        {
            var invalidations = batch.ToArray();
            var delay = s_firstRetry;
            while (!await _cache.InvalidateFromFeedAsync(invalidations).ConfigureAwait(false))
            {
                FeedLog.Retrying(_logger, delay.TotalSeconds);
                await Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
            }
        }

        foreach (var (table, count) in touched)
        {
            Counters.Invalidated(table, count);
        }
    }

    private static async Task<RowImage> ReadAsync(ReplicationTuple tuple, RelationMessage relation, CancellationToken cancellationToken)
    {
        var columns = relation.Columns.Select(c => c.ColumnName).ToArray();
        var values = new string?[columns.Length];
        var known = new bool[columns.Length];
        var i = 0;
        await foreach (var value in tuple.ConfigureAwait(false))
        {
            if (i < columns.Length)
            {
                known[i] = value.Kind != TupleDataKind.UnchangedToastedValue;
                values[i] = value.Kind is TupleDataKind.TextValue or TupleDataKind.BinaryValue ? await value.Get<string>(cancellationToken).ConfigureAwait(false) : null;
            }

            i++;
        }

        return new RowImage(columns, values, known);
    }

    private static bool[] IsKey(RelationMessage relation)
        => relation.Columns.Select(c => (c.Flags & RelationMessage.Column.ColumnFlags.PartOfKey) != 0).ToArray();

    private Task Delay(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, _time, cancellationToken);
}
