using System.Diagnostics;
using CachingGen.Diagnostics;
using CachingGen.Infrastructure;

namespace CachingGen.Internals.Diagnostics;

/// <summary>
/// Starts CachingGen's spans and tags them. Every member costs one check when nothing listens to
/// <see cref="CachingGenTracing.ActivitySourceName"/>; a span is only ever tagged when it is one of ours.
/// </summary>
internal static class CacheTraces
{
    private static ActivitySource Source => CachingGenTracing.Source;

    public static bool Listening => Source.HasListeners();

    public static Activity? Start(string name, CacheMethod? method, string? key, bool recordKey, ActivityKind kind = ActivityKind.Internal, ActivityContext parent = default)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(name, kind, parent);
        if (activity is { IsAllDataRequested: true })
        {
            if (method is not null)
            {
                activity.SetTag(CachingGenTracing.MethodTag, method.Method);
                activity.SetTag(CachingGenTracing.KeyTemplateTag, method.KeyTemplate);
            }

            if (recordKey && key is not null)
            {
                activity.SetTag(CachingGenTracing.KeyTag, key);
            }
        }

        return activity;
    }

    /// <summary>Tags the current miss span (when the current span is one) with how the call ended and which level answered.</summary>
    public static void Outcome(string outcome, string level)
    {
        if (Source.HasListeners() && Activity.Current is { } current && ReferenceEquals(current.Source, Source)
            && (current.OperationName == CachingGenTracing.MissSpan || current.OperationName == CachingGenTracing.HitSpan))
        {
            current.SetTag(CachingGenTracing.OutcomeTag, outcome);
            current.SetTag(CachingGenTracing.LevelTag, level);
        }
    }

    /// <summary>Marks <paramref name="activity"/> failed with <paramref name="exception"/>'s type (its message may hold data).</summary>
    public static void Failed(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, exception.GetType().FullName);
        if (activity.GetTagItem(CachingGenTracing.OutcomeTag) is null)
        {
            activity.SetTag(CachingGenTracing.OutcomeTag, TraceValues.Error);
        }
    }
}
