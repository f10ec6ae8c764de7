using System.Threading.Channels;
using CachingGen.Infrastructure;
using Npgsql.Replication;

namespace CachingGen.Postgres.Internals;

/// <summary>The applier: committed transactions' invalidations handed to the cache in commit order, then their position confirmed.</summary>
internal sealed partial class PostgresChangeFeed
{
    /// <summary>
    /// Applies commits in order, as many as are waiting at once, and only then confirms the last one's position (and
    /// sends it at once when a marker waits on it, else at most once a second). A fault ends the session, which
    /// reconnects from the confirmed position: nothing applied is lost, nothing unapplied confirmed.
    /// </summary>
    private async Task ApplyCommitsAsync(ChannelReader<Committed> commits, LogicalReplicationConnection connection, CancellationTokenSource session)
    {
        var lastStatus = _time.GetTimestamp();
        try
        {
            while (await commits.WaitToReadAsync(session.Token).ConfigureAwait(false))
            {
                var merged = new HashSet<CacheInvalidation>();
                var touched = new Dictionary<string, int>(StringComparer.Ordinal);
                Committed? last = null;
                var markers = false;
                while (merged.Count < 10_000 && commits.TryRead(out var commit))
                {
                    merged.UnionWith(commit.Invalidations);
                    foreach (var (table, count) in commit.Touched)
                    {
                        touched[table] = touched.GetValueOrDefault(table) + count;
                    }

                    markers |= commit.Marker;
                    last = commit;
                }

                await ApplyAsync(merged, touched, session.Token).ConfigureAwait(false);
                Interlocked.Exchange(ref _lagTicks, Math.Max(0, (_time.GetUtcNow() - last!.CommitTime).Ticks));
                Interlocked.Exchange(ref _appliedLsn, (long)(ulong)last.End);
                connection.SetReplicationStatus(last.End);
                if (markers || _time.GetElapsedTime(lastStatus) > TimeSpan.FromSeconds(1))
                {
                    await connection.SendStatusUpdate(session.Token).ConfigureAwait(false);
                    lastStatus = _time.GetTimestamp();
                }
            }
        }
        catch
        {
            await session.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>One committed transaction's invalidations, waiting for the applier.</summary>
    private sealed record Committed(HashSet<CacheInvalidation> Invalidations, Dictionary<string, int> Touched, NpgsqlTypes.NpgsqlLogSequenceNumber End, DateTime CommitTime, bool Marker);

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
}
