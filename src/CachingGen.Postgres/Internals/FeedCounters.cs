using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CachingGen.Diagnostics;

namespace CachingGen.Postgres.Internals;

/// <summary>Per table: row changes seen and invalidations sent; published on the <c>CachingGen</c> meter.</summary>
internal sealed class FeedCounters
{
    private readonly ConcurrentDictionary<string, long[]> _tables = new(System.StringComparer.Ordinal);

    public void Changed(string table) => Interlocked.Increment(ref Counts(table)[0]);

    public void Invalidated(string table, int count) => Interlocked.Add(ref Counts(table)[1], count);

    public IReadOnlyDictionary<string, ChangeFeedTableCounts> Snapshot()
        => new SortedDictionary<string, ChangeFeedTableCounts>(
            _tables.ToDictionary(p => p.Key, p => new ChangeFeedTableCounts(Volatile.Read(ref p.Value[0]), Volatile.Read(ref p.Value[1]))),
            System.StringComparer.Ordinal);

    /// <summary>The feed's instruments: changes and invalidations per table, lag in bytes and seconds.</summary>
    public static Meter CreateMeter(PostgresChangeFeed feed)
    {
        var meter = new Meter(CachingGenMetrics.MeterName);
        meter.CreateObservableCounter("cachinggen.feed.changes", () => feed.Counters.Snapshot().Select(p => new Measurement<long>(p.Value.Changes, new KeyValuePair<string, object?>("cachinggen.table", p.Key))), "{change}", "Row changes the PostgreSQL change feed applied, per table.");
        meter.CreateObservableCounter("cachinggen.feed.invalidations", () => feed.Counters.Snapshot().Select(p => new Measurement<long>(p.Value.Invalidations, new KeyValuePair<string, object?>("cachinggen.table", p.Key))), "{invalidation}", "Keys and prefixes the change feed removed, per table.");
        meter.CreateObservableGauge("cachinggen.feed.lag.bytes", () => feed.Status.LagBytes, "By", "WAL the change feed's slot has not confirmed yet.");
        meter.CreateObservableGauge("cachinggen.feed.lag", () => feed.Status.LagTime.TotalSeconds, "s", "Commit to applied, for the last transaction the change feed applied.");
        return meter;
    }

    private long[] Counts(string table) => _tables.GetOrAdd(table, static _ => new long[2]);
}
