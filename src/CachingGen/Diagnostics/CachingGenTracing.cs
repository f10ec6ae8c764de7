using System.Diagnostics;

namespace CachingGen.Diagnostics;

/// <summary>
/// The names of CachingGen's traces: one <see cref="ActivitySource"/>, <see cref="ActivitySourceName"/>, for every cache in
/// the process (<c>AddSource("CachingGen")</c> in OpenTelemetry). A miss is a span with the repository call (and the
/// distributed level's read) nested inside it; an invalidation is a span with the distributed removals inside it. A hit
/// makes no span unless <see cref="CacheTelemetryOptions.TraceHits"/> is on. No listener, no span: each is one check.
/// </summary>
/// <remarks>
/// Tags: <see cref="MethodTag"/>, <see cref="KeyTemplateTag"/>, <see cref="LevelTag"/>, <see cref="OutcomeTag"/>; and
/// <see cref="KeyTag"/>, the key itself, only with <see cref="CacheTelemetryOptions.RecordKeys"/>: keys often hold user
/// ids or e-mail addresses, which traces should not carry unless the application says so.
/// </remarks>
public static class CachingGenTracing
{
    /// <summary>Name of the activity source, for <c>AddSource("CachingGen")</c>.</summary>
    public const string ActivitySourceName = "CachingGen";

    /// <summary>A miss of a <c>[Cached]</c> method: shared loads, the distributed level, the repository call.</summary>
    public const string MissSpan = "cachinggen.miss";

    /// <summary>A hit (only with <see cref="CacheTelemetryOptions.TraceHits"/>).</summary>
    public const string HitSpan = "cachinggen.hit";

    /// <summary>The repository call of a miss or of a refresh-ahead reload.</summary>
    public const string LoadSpan = "cachinggen.load";

    /// <summary>A read of the distributed level.</summary>
    public const string DistributedReadSpan = "cachinggen.distributed.read";

    /// <summary>A write of the distributed level (off the caller's path: its parent is the miss that loaded the value).</summary>
    public const string DistributedWriteSpan = "cachinggen.distributed.write";

    /// <summary>A removal from the distributed level (and its backplane message).</summary>
    public const string DistributedRemoveSpan = "cachinggen.distributed.remove";

    /// <summary>The invalidations of one successful <c>[Invalidates]</c> call, or one removal by hand.</summary>
    public const string InvalidateSpan = "cachinggen.invalidate";

    /// <summary>The method, as <c>Namespace.Class.Method</c>.</summary>
    public const string MethodTag = "cachinggen.method";

    /// <summary>The key template (never the key's values).</summary>
    public const string KeyTemplateTag = "cachinggen.key_template";

    /// <summary>Which level answered or was asked: <c>memory</c>, <c>distributed</c> or <c>repository</c>.</summary>
    public const string LevelTag = "cachinggen.level";

    /// <summary>
    /// How a call ended: <c>hit</c>, <c>miss</c> (loaded from the repository), <c>distributed_hit</c>, <c>joined</c> (shared
    /// another caller's load), <c>stale</c> (answered by fail-safe), <c>error</c>, <c>bypass</c> (inside a transaction).
    /// </summary>
    public const string OutcomeTag = "cachinggen.outcome";

    /// <summary>The key itself: only with <see cref="CacheTelemetryOptions.RecordKeys"/>.</summary>
    public const string KeyTag = "cachinggen.key";

    internal static readonly ActivitySource Source = new(ActivitySourceName, typeof(CachingGenTracing).Assembly.GetName().Version?.ToString());
}
