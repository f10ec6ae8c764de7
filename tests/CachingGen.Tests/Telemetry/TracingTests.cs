using System.Collections.Generic;
using System.Diagnostics;
using CachingGen.Diagnostics;
using CachingGen.Distributed;
using CachingGen.Tests.Runtime;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace CachingGen.Tests.Telemetry;

/// <summary>
/// Traces through OpenTelemetry's in-memory exporter: a miss is a span with the repository call nested in it, the
/// distributed level's read and write are its children, invalidations are spans, and keys stay out unless asked for.
/// Not run in parallel with other tests that trace: one listener per process sees every cache's spans.
/// </summary>
[Collection(TracingGroup.Name)]
public sealed class TracingTests
{
    private static readonly ActivitySource App = new("Tests.App");
    private static readonly CacheMethod Method = CacheMethod.ForCached("Tests.Tracing.FindUser", "user:<id>", TimeSpan.FromMinutes(1), cacheNulls: true);
    private static readonly CacheMethod Writer = CacheMethod.ForInvalidating("Tests.Tracing.SaveUser", "user:<id>");

    [Fact]
    public async Task A_miss_is_a_span_with_the_repository_call_nested_in_it_a_hit_makes_none_and_no_key_is_recorded()
    {
        var spans = new List<Activity>();
        using var tracing = Tracer(spans);
        var cache = new CachingGenCache(new InProcessCacheStore());

        using (App.StartActivity("GET /users/7"))
        {
            await Call(cache, "user:7");                 // miss
            await Call(cache, "user:7");                 // hit
        }

        tracing.ForceFlush();
        var request = Single(spans, "GET /users/7");
        var miss = Single(spans, CachingGenTracing.MissSpan);
        var load = Single(spans, CachingGenTracing.LoadSpan);
        var query = Single(spans, "db.query");
        Assert.Equal(request.SpanId, miss.ParentSpanId);
        Assert.Equal(miss.SpanId, load.ParentSpanId);
        Assert.Equal(load.SpanId, query.ParentSpanId);
        Assert.Equal("Tests.Tracing.FindUser", miss.GetTagItem(CachingGenTracing.MethodTag));
        Assert.Equal("user:<id>", miss.GetTagItem(CachingGenTracing.KeyTemplateTag));
        Assert.Equal("miss", miss.GetTagItem(CachingGenTracing.OutcomeTag));
        Assert.Equal("repository", miss.GetTagItem(CachingGenTracing.LevelTag));
        Assert.DoesNotContain(spans, s => s.OperationName == CachingGenTracing.HitSpan);
        Assert.All(spans, s => Assert.Null(s.GetTagItem(CachingGenTracing.KeyTag)));
        Assert.All(spans, s => Assert.DoesNotContain(s.TagObjects, t => t.Value as string == "user:7"));
    }

    [Fact]
    public async Task Keys_and_hits_are_traced_only_when_the_application_asks()
    {
        var spans = new List<Activity>();
        using var tracing = Tracer(spans);
        var cache = new CachingGenCache(new InProcessCacheStore()) { Telemetry = new CacheTelemetryOptions { RecordKeys = true, TraceHits = true } };

        await Call(cache, "user:8");
        await Call(cache, "user:8");

        tracing.ForceFlush();
        Assert.Equal("user:8", Single(spans, CachingGenTracing.MissSpan).GetTagItem(CachingGenTracing.KeyTag));
        var hit = Single(spans, CachingGenTracing.HitSpan);
        Assert.Equal("user:8", hit.GetTagItem(CachingGenTracing.KeyTag));
        Assert.Equal("hit", hit.GetTagItem(CachingGenTracing.OutcomeTag));
    }

    [Fact]
    public async Task Distributed_reads_and_writes_are_children_of_the_miss_and_an_invalidation_is_a_span_with_its_removal()
    {
        var spans = new List<Activity>();
        using var tracing = Tracer(spans);
        var level = new GatedLevel();
        var cache = new CachingGenCache(new InProcessCacheStore(), level, CacheLevels.Both);

        await Call(cache, "user:9");
        for (var i = 0; i < 500 && !level.TryGet<string>("user:9", [], 0).Found; i++)
        {
            await Task.Delay(10);
        }

        await CacheOperations.InvalidateAllAsync(cache, Writer, CacheInvalidation.Key("user:9"));
        tracing.ForceFlush();

        var miss = Single(spans, CachingGenTracing.MissSpan);
        var read = Single(spans, CachingGenTracing.DistributedReadSpan);
        Assert.Equal(miss.SpanId, read.ParentSpanId);
        Assert.Equal("miss", read.GetTagItem(CachingGenTracing.OutcomeTag));
        Assert.Equal(ActivityKind.Client, read.Kind);
        for (var i = 0; i < 500 && !spans.Any(s => s.OperationName == CachingGenTracing.DistributedWriteSpan); i++)
        {
            await Task.Delay(10);
            tracing.ForceFlush();
        }

        var write = Single(spans, CachingGenTracing.DistributedWriteSpan);
        Assert.Equal(miss.TraceId, write.TraceId);
        Assert.Equal(miss.SpanId, write.ParentSpanId);
        var invalidate = Single(spans, CachingGenTracing.InvalidateSpan);
        Assert.Equal("Tests.Tracing.SaveUser", invalidate.GetTagItem(CachingGenTracing.MethodTag));
        Assert.Equal(invalidate.SpanId, Single(spans, CachingGenTracing.DistributedRemoveSpan).ParentSpanId);
    }

    [Fact]
    public async Task A_failed_load_marks_the_miss_and_its_load_span_as_errors()
    {
        var spans = new List<Activity>();
        using var tracing = Tracer(spans);
        var cache = new CachingGenCache(new InProcessCacheStore());

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await CacheOperations.GetOrLoadAsync<string>(cache, "user:10", Method, _ => throw new InvalidOperationException("down"), CancellationToken.None));

        tracing.ForceFlush();
        Assert.Equal(ActivityStatusCode.Error, Single(spans, CachingGenTracing.MissSpan).Status);
        Assert.Equal(ActivityStatusCode.Error, Single(spans, CachingGenTracing.LoadSpan).Status);
        Assert.Equal(typeof(InvalidOperationException).FullName, Single(spans, CachingGenTracing.LoadSpan).StatusDescription);
    }

    private static TracerProvider Tracer(List<Activity> spans)
        => Sdk.CreateTracerProviderBuilder().AddSource(CachingGenTracing.ActivitySourceName, App.Name).AddInMemoryExporter(spans).Build()!;

    private static Activity Single(List<Activity> spans, string name)
    {
        var found = spans.Where(s => s.OperationName == name).ToList();
        Assert.True(found.Count == 1, $"{found.Count} spans named {name} among: {string.Join(", ", spans.Select(s => s.OperationName))}");
        return found[0];
    }

    /// <summary>What a generated method does: a hit, or the miss path with a repository call that traces its query.</summary>
    private static async Task<string> Call(CachingGenCache cache, string key)
    {
        if (CacheOperations.TryGetLocal<string>(cache, key, Method, out var entry))
        {
            return entry.Value;
        }

        return await CacheOperations.GetOrLoadAsync(cache, key, Method, async _ =>
        {
            using var query = App.StartActivity("db.query");
            await Task.Yield();
            return "row of " + key;
        }, CancellationToken.None);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TracingGroup
{
    public const string Name = "Tracing";
}
