using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace CachingGen.Stress;

/// <summary>
/// Checks every read against the writes (the versions the database returned). Same process: a read is stale when
/// a write of that row returned before the read started with a higher version. Other process: when such a write
/// returned more than the grace period before the read started; a write that returned during a Redis fault counts
/// from the end of the fault plus the grace (its invalidation could not travel before). A group's sum is stale
/// when it is below the sum of its rows' floors.
/// </summary>
public sealed class FreshnessCheck
{
    private readonly VersionFloor[] _own;
    private readonly VersionFloor[] _any;
    private readonly IReadOnlyList<FaultWindow> _faults;
    private readonly long _start;

    public FreshnessCheck(IReadOnlyList<WriteRecord> own, IReadOnlyList<WriteRecord> peer, IReadOnlyList<FaultWindow> faults, TimeSpan grace, long startTicks)
    {
        _faults = faults;
        _start = startTicks;
        var graceTicks = StressOptions.Ticks(grace);
        long Delivered(WriteRecord w) => (faults.FirstOrDefault(f => f.Contains(w.ReturnedTicks))?.EndTicks ?? w.ReturnedTicks) + graceTicks;
        _own = new VersionFloor[StressRows.Count + 1];
        _any = new VersionFloor[StressRows.Count + 1];
        for (var id = 1; id <= StressRows.Count; id++)
        {
            var row = id;
            var ownWrites = own.Where(w => w.Id == row).Select(w => (w.ReturnedTicks, w.Version)).ToList();
            _own[id] = new VersionFloor(ownWrites);
            _any[id] = new VersionFloor(ownWrites.Concat(peer.Where(w => w.Id == row).Select(w => (Delivered(w), w.Version))));
        }
    }

    public StressReport Evaluate(string name, StressLog log, int peerWrites, bool peerFound, bool faultsFound)
    {
        int staleSame = 0, staleCross = 0;
        var examples = new List<string>();
        foreach (var read in log.Reads)
        {
            var rows = read.IsSum ? Enumerable.Range((read.Key * StressRows.GroupSize) + 1, StressRows.GroupSize) : [read.Key];
            var ownFloor = rows.Sum(id => _own[id].At(read.StartTicks));
            var anyFloor = rows.Sum(id => _any[id].At(read.StartTicks));
            var kind = read.Value < ownFloor ? "same process" : read.Value < anyFloor ? "other process" : null;
            if (kind is null)
            {
                continue;
            }

            _ = kind == "same process" ? staleSame++ : staleCross++;
            if (examples.Count < 10)
            {
                examples.Add(string.Create(CultureInfo.InvariantCulture, $"{(read.IsSum ? "sum of group" : "row")} {read.Key} read {read.Value} at +{Ms(read.StartTicks - _start):F1} ms (took {Ms(read.EndTicks - read.StartTicks):F1} ms); floor {Math.Max(ownFloor, anyFloor)} from a write of the {kind}"));
            }
        }

        var outageReads = log.Reads.Where(r => _faults.Any(f => f.Overlaps(r.StartTicks, r.EndTicks))).ToList();
        var outageWrites = log.Writes.Where(w => _faults.Any(f => f.Overlaps(w.StartTicks, w.ReturnedTicks))).ToList();
        return new StressReport(
            name,
            log.Reads.Count,
            log.Reads.Count(r => r.IsSum),
            log.Writes.Count,
            peerWrites,
            staleSame,
            staleCross,
            log.FailedCalls,
            MaxMs(log.Reads.Select(r => r.EndTicks - r.StartTicks)),
            outageReads.Count,
            MaxMs(outageReads.Select(r => r.EndTicks - r.StartTicks)),
            MaxMs(log.Writes.Select(w => w.ReturnedTicks - w.StartTicks)),
            MaxMs(outageWrites.Select(w => w.ReturnedTicks - w.StartTicks)),
            peerFound,
            faultsFound,
            examples,
            log.Failures.ToList());
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static double MaxMs(IEnumerable<long> ticks) => Math.Round(Ms(ticks.DefaultIfEmpty(0).Max()), 1);
}
