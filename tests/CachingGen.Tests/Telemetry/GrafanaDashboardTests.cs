using System.IO;
using System.Text.Json;
using System.Text.RegularExpressions;
using CachingGen.Diagnostics;

namespace CachingGen.Tests.Telemetry;

/// <summary>The Grafana dashboard and alert in docs/grafana name only metrics the cache publishes, as Prometheus spells them.</summary>
public sealed partial class GrafanaDashboardTests
{
    [Fact]
    public void Every_metric_the_dashboard_and_the_alert_query_is_one_the_meter_publishes()
    {
        var folder = Path.Combine(Root(), "docs", "grafana");
        var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "cachinggen-dashboard.json"))).RootElement;
        var queries = dashboard.GetProperty("panels").EnumerateArray().SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToList();
        var alert = File.ReadAllText(Path.Combine(folder, "cachinggen-alerts.yaml"));
        Assert.Contains("for: 10m", alert, StringComparison.Ordinal);

        // OpenTelemetry's Prometheus exporter: dots become underscores, counters get _total, seconds histograms _seconds_*.
        string[] counters = [CachingGenMetrics.RequestsInstrument, CachingGenMetrics.ErrorsInstrument, CachingGenMetrics.DistributedHitsInstrument, CachingGenMetrics.InvalidationsInstrument, CachingGenMetrics.StaleInstrument, CachingGenMetrics.RefreshesInstrument];
        string[] histograms = [CachingGenMetrics.LoadDurationInstrument, CachingGenMetrics.DistributedDurationInstrument];
        var published = counters.Select(c => c.Replace('.', '_') + "_total")
            .Concat(histograms.SelectMany(h => new[] { "_bucket", "_sum", "_count" }.Select(s => h.Replace('.', '_') + "_seconds" + s)))
            .ToHashSet(StringComparer.Ordinal);
        var named = queries.Append(alert).SelectMany(q => MetricName().Matches(q).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(named);
        Assert.All(named, n => Assert.Contains(n, published));
        Assert.All(counters.Concat(histograms), i => Assert.Contains(named, n => n.StartsWith(i.Replace('.', '_'), StringComparison.Ordinal)));
    }

    private static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CachingGen.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return directory!.FullName;
    }

    [GeneratedRegex("cachinggen_[a-z_]+")]
    private static partial Regex MetricName();
}
