using System.Threading.Channels;
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

    // Column names and key flags per relation id, as the last relation message described them.
    private readonly Dictionary<uint, Relation> _relations = new();

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
                if (_database!.Explain(ex) is { } refused)
                {
                    // Not a fault that passes: trying again changes nothing. Said once, loudly; start-up fails with it.
                    Volatile.Write(ref _fatal, Fail(refused));
                    break;
                }

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

        // Commits go to the applier in order; while it waits for the levels, later commits gather into one batch (one
        // Redis script and one message for many transactions when the stream runs ahead, one per commit when it does not).
        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var commits = Channel.CreateUnbounded<Committed>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var applier = ApplyCommitsAsync(commits.Reader, connection, session);
        var batch = new HashSet<CacheInvalidation>();
        var touched = new Dictionary<string, int>(StringComparer.Ordinal);
        var markers = false;
        var started = false;
        try
        {
            await foreach (var message in connection.StartReplication(slot, replication, session.Token).ConfigureAwait(false))
            {
                if (!started)
                {
                    // The first message came: the slot is ours (an active slot fails the first read with ObjectInUse).
                    started = true;
                    BecomeConsumer();
                }

                switch (message)
                {
                    case RelationMessage relation:
                        _relations[relation.RelationId] = Relation.Of(relation, _map);
                        break;
                    case BeginMessage:
                        batch = new HashSet<CacheInvalidation>();
                        touched = new Dictionary<string, int>(StringComparer.Ordinal);
                        markers = false;
                        break;
                    case InsertMessage insert:
                        Changed(insert.Relation, null, await ReadAsync(insert.NewRow, insert.Relation, session.Token).ConfigureAwait(false), batch, touched);
                        break;
                    case FullUpdateMessage full:
                        {
                            var old = await ReadAsync(full.OldRow, full.Relation, session.Token).ConfigureAwait(false);
                            Changed(full.Relation, old, await ReadAsync(full.NewRow, full.Relation, session.Token).ConfigureAwait(false), batch, touched);
                            break;
                        }

                    case IndexUpdateMessage index:
                        {
                            // The key changed: the old key columns come first, the rest of the old row is not sent.
                            var oldKey = (await ReadAsync(index.Key, index.Relation, session.Token).ConfigureAwait(false)).KeyColumnsOnly(RelationOf(index.Relation).IsKey);
                            Changed(index.Relation, oldKey, await ReadAsync(index.NewRow, index.Relation, session.Token).ConfigureAwait(false), batch, touched);
                            break;
                        }

                    case UpdateMessage update:
                        {
                            // The default replica identity and an unchanged key: the old row had the new row's key columns; its other columns are unknown.
                            var row = await ReadAsync(update.NewRow, update.Relation, session.Token).ConfigureAwait(false);
                            Changed(update.Relation, row.KeyColumnsOnly(RelationOf(update.Relation).IsKey), row, batch, touched);
                            break;
                        }

                    case KeyDeleteMessage keyDelete:
                        Changed(keyDelete.Relation, (await ReadAsync(keyDelete.Key, keyDelete.Relation, session.Token).ConfigureAwait(false)).KeyColumnsOnly(RelationOf(keyDelete.Relation).IsKey), null, batch, touched);
                        break;
                    case FullDeleteMessage fullDelete:
                        Changed(fullDelete.Relation, await ReadAsync(fullDelete.OldRow, fullDelete.Relation, session.Token).ConfigureAwait(false), null, batch, touched);
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
                        commits.Writer.TryWrite(new Committed(batch, touched, commit.TransactionEndLsn, commit.TransactionCommitTimestamp, markers));
                        break;
                }
            }
        }
        finally
        {
            commits.Writer.TryComplete();
            await applier.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await applier.ConfigureAwait(false);
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

    private async Task<RowImage> ReadAsync(ReplicationTuple tuple, RelationMessage message, CancellationToken cancellationToken)
    {
        var relation = RelationOf(message);
        var values = new string?[relation.Columns.Length];
        var known = new bool[relation.Columns.Length];
        if (!relation.AnyNeeded)
        {
            // No read binds a column of this table: its reads are removed whole, and Npgsql skips the unread tuple.
            return new RowImage(relation.Columns, values, known);
        }

        var i = 0;
        await foreach (var value in tuple.ConfigureAwait(false))
        {
            if (i < relation.Columns.Length && relation.Needed[i] && value.Kind != TupleDataKind.UnchangedToastedValue)
            {
                known[i] = true;
                values[i] = value.Kind is TupleDataKind.TextValue or TupleDataKind.BinaryValue ? await value.Get<string>(cancellationToken).ConfigureAwait(false) : null;
            }

            i++;
        }

        return new RowImage(relation.Columns, values, known);
    }

    /// <summary>A relation's column names, key flags and the columns worth reading, once per relation message rather than once per row.</summary>
    private Relation RelationOf(RelationMessage message)
        => _relations.TryGetValue(message.RelationId, out var relation) && relation.Columns.Length == message.Columns.Count
            ? relation
            : _relations[message.RelationId] = Relation.Of(message, _map);

    private sealed record Relation(string[] Columns, bool[] IsKey, bool[] Needed)
    {
        public bool AnyNeeded { get; } = Needed.Any(n => n);

        public static Relation Of(RelationMessage message, FeedMap map)
        {
            var needed = map.NeededColumns(message.RelationName);
            return new(
                message.Columns.Select(c => c.ColumnName).ToArray(),
                message.Columns.Select(c => (c.Flags & RelationMessage.Column.ColumnFlags.PartOfKey) != 0).ToArray(),
                message.Columns.Select(c => needed.Contains(c.ColumnName.ToLowerInvariant())).ToArray());
        }
    }

    private Task Delay(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, _time, cancellationToken);
}
