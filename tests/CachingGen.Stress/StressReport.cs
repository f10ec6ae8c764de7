using System.Collections.Generic;

namespace CachingGen.Stress;

/// <summary>The JSON line one process prints when it is done.</summary>
public sealed record StressReport(
    string Name,
    int Reads,
    int SumReads,
    int Writes,
    int PeerWrites,
    int StaleReadsSameProcess,
    int StaleReadsCrossProcess,
    int FailedCalls,
    double MaxReadLatencyMs,
    int ReadsDuringOutage,
    double MaxReadLatencyDuringOutageMs,
    double MaxWriteLatencyMs,
    double MaxWriteLatencyDuringOutageMs,
    bool PeerLogFound,
    bool FaultsFound,
    IReadOnlyList<string> StaleExamples,
    IReadOnlyList<string> Failures);
