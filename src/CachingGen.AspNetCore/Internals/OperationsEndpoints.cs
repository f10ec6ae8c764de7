using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using CachingGen.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CachingGen.AspNetCore.Internals;

/// <summary>The handlers behind <c>MapCachingGen</c>: each reads the container's <see cref="CachingGenCache"/>.</summary>
internal static class OperationsEndpoints
{
    public static Task PageAsync(HttpContext context)
    {
        var map = CacheMap.Build(Cache(context));
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(CacheMapPage.Render(map, context.Request.PathBase + context.Request.Path), context.RequestAborted);
    }

    public static Task MapAsync(HttpContext context)
        => Json(context, StatusCodes.Status200OK, (IReadOnlyList<MethodDocument>)CacheMap.Build(Cache(context)).Select(Document).ToList(), OperationsJson.Default.IReadOnlyListMethodDocument);

    public static Task StatisticsAsync(HttpContext context)
        => Json(context, StatusCodes.Status200OK, (IReadOnlyList<StatisticsDocument>)CacheMap.Build(Cache(context)).Select(e => Statistics(e)).ToList(), OperationsJson.Default.IReadOnlyListStatisticsDocument);

    /// <summary>Every loaded assembly's cache manifest (generated at build time), as one JSON array.</summary>
    public static Task ManifestAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync("[" + string.Join(",\n", CacheManifest.ByAssembly.Values) + "]", context.RequestAborted);
    }

    public static async Task InvalidateAsync(HttpContext context)
    {
        InvalidationRequest? request;
        try
        {
            request = await context.Request.ReadFromJsonAsync(OperationsJson.Default.InvalidationRequest, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            await Problem(context, "Unreadable request", "send JSON: {\"method\": \"Namespace.Class.Method\", \"values\": {\"id\": \"7\"}} or {\"template\": \"…:<id>:*\", \"values\": {…}}").ConfigureAwait(false);
            return;
        }

        var map = CacheMap.Build(Cache(context));
        var template = Template(request, map, out var problem);
        if (template is null)
        {
            await Problem(context, request is { Method: null, Template: null } or { Method: not null, Template: not null } or null ? "Nothing to invalidate" : "Unknown key", problem!).ConfigureAwait(false);
            return;
        }

        var key = KeyFromTemplate.Build(template, request!.Values ?? [], out var isPrefix, out var error);
        if (key is null)
        {
            await Problem(context, "Invalid values", $"{error} (placeholders: {KeyFromTemplate.Placeholders(template)})").ConfigureAwait(false);
            return;
        }

        await Cache(context).RemoveByHandAsync(key, isPrefix).ConfigureAwait(false);
        await Json(context, StatusCodes.Status200OK, new InvalidationResult(key, isPrefix), OperationsJson.Default.InvalidationResult).ConfigureAwait(false);
    }

    public static async Task ClearAsync(HttpContext context)
    {
        try
        {
            await Cache(context).ClearAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await Json(context, StatusCodes.Status503ServiceUnavailable, new ProblemDocument("Not cleared everywhere", StatusCodes.Status503ServiceUnavailable, "this instance's in-process level is cleared, but the distributed level could not be: " + ex.GetType().Name), OperationsJson.Default.ProblemDocument).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>
    /// The template to build from: a cached method's key template, or one an invalidating method declares. Raw keys are
    /// never accepted: what can be removed is what the code can remove, with values escaped into it.
    /// </summary>
    private static string? Template(InvalidationRequest? request, IReadOnlyList<CacheMapEntry> map, out string? problem)
    {
        problem = null;
        if (request is { Method: { } method, Template: null })
        {
            var cached = map.FirstOrDefault(e => e.Kind == CacheMethodKind.Cached && e.Method == method);
            if (cached is null)
            {
                problem = $"'{method}' is not a [Cached] method of this application";
            }

            return cached?.KeyTemplates[0];
        }

        if (request is { Template: { } template, Method: null })
        {
            if (map.Any(e => e.KeyTemplates.Contains(template, StringComparer.Ordinal)))
            {
                return template;
            }

            problem = $"'{template}' is not a key template of a [Cached] or [Invalidates] attribute of this application";
            return null;
        }

        problem = "give either \"method\" (a [Cached] method) or \"template\" (a template of the cache map), with \"values\" for its placeholders";
        return null;
    }

    private static MethodDocument Document(CacheMapEntry entry)
        => new(entry.Method, Kind(entry.Kind), entry.KeyTemplates, entry.Ttl.TotalSeconds, entry.ResultType, entry.Policy, entry.Related, Statistics(entry));

    private static StatisticsDocument Statistics(CacheMapEntry entry)
    {
        var s = entry.Statistics;
        return new(entry.Method, Kind(entry.Kind), s.Hits, s.Misses, Math.Round(s.HitRatio, 4), s.DistributedHits, s.Stale, s.Refreshes, s.Errors, s.Invalidations, s.Loads, Math.Round(s.AverageLoadTime.TotalMilliseconds, 3));
    }

    private static string Kind(CacheMethodKind kind) => kind == CacheMethodKind.Cached ? "cached" : "invalidating";

    private static CachingGenCache Cache(HttpContext context) => context.RequestServices.GetRequiredService<CachingGenCache>();

    private static Task Problem(HttpContext context, string title, string detail)
        => Json(context, StatusCodes.Status400BadRequest, new ProblemDocument(title, StatusCodes.Status400BadRequest, detail), OperationsJson.Default.ProblemDocument, "application/problem+json");

    private static Task Json<T>(HttpContext context, int status, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string contentType = "application/json")
    {
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(value, type, contentType, context.RequestAborted);
    }
}
