using System.Diagnostics;
using System.Diagnostics.Metrics;
using CachingGen.Infrastructure;

namespace CachingGen.Internals.Diagnostics;

/// <summary>A cache's histograms (its counters are observable, read from <see cref="MethodCounters"/> on collection).</summary>
internal sealed class CacheInstruments(Histogram<double> loadDuration, Histogram<double> distributedDuration)
{
    public void Load(CacheMethod method, long startedAt, bool succeeded)
    {
        if (loadDuration.Enabled)
        {
            loadDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, new KeyValuePair<string, object?>("method", method.Method), new KeyValuePair<string, object?>("outcome", succeeded ? TraceValues.Success : TraceValues.Error));
        }
    }

    public void Distributed(CacheMethod? method, string operation, long startedAt)
    {
        if (distributedDuration.Enabled)
        {
            distributedDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, new KeyValuePair<string, object?>("method", method?.Method ?? "(by hand)"), new KeyValuePair<string, object?>("operation", operation));
        }
    }
}
