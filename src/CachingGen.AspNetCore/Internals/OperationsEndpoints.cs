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
        SecurityHeaders.Add(context.Response);
        SecurityHeaders.AddPagePolicy(context.Response, CacheMapPage.StyleHash);
        return context.Response.WriteAsync(CacheMapPage.Render(map, context.Request.PathBase + context.Request.Path), context.RequestAborted);
    }

    public static Task MapAsync(HttpContext context)
        => Json(context, StatusCodes.Status200OK, (IReadOnlyList<MethodDocument>)CacheMap.Build(Cache(context)).Select(Document).ToList(), OperationsJson.Default.IReadOnlyListMethodDocument);

    public static Task StatisticsAsync(HttpContext context)
        => Json(context, StatusCodes.Status200OK, (IReadOnlyList<StatisticsDocument>)CacheMap.Build(Cache(context)).Select(e => Statistics(e)).ToList(), OperationsJson.Default.IReadOnlyListStatisticsDocument);

    /// <summary>The change feed's state, lag and per-table counts; 404 when no feed is configured.</summary>
    public static Task FeedAsync(HttpContext context)
    {
        if (Cache(context).ChangeFeed is not { } feed)
        {
            return Json(context, StatusCodes.Status404NotFound, new ProblemDocument("No change feed", StatusCodes.Status404NotFound, "no change feed is configured: see UsePostgresChangeFeed (CachingGen.Postgres)"), OperationsJson.Default.ProblemDocument);
        }

        var status = feed.Status;
        var document = new FeedDocument(
            status.State.ToString(),
            status.IsConsumer,
            status.LagBytes,
            status.LagTime.TotalMilliseconds,
            status.IsDegraded,
            status.IsUnhealthy,
            status.Problem,
            status.Tables.ToDictionary(p => p.Key, p => new FeedTableDocument(p.Value.Changes, p.Value.Invalidations), StringComparer.Ordinal));
        return Json(context, StatusCodes.Status200OK, document, OperationsJson.Default.FeedDocument);
    }

    /// <summary>Every loaded assembly's cache manifest (generated at build time), as one JSON array.</summary>
    public static Task ManifestAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        SecurityHeaders.Add(context.Response);
        return context.Response.WriteAsync("[" + string.Join(",\n", CacheManifest.ByAssembly.Values) + "]", context.RequestAborted);
    }

    public static async Task InvalidateAsync(HttpContext context)
    {
        var body = await OperationRequest.ReadAsync(context, "invalidate").ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        InvalidationRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(body, OperationsJson.Default.InvalidationRequest);
        }
        catch (JsonException)
        {
            await Problem(context, "Unreadable request", "send JSON: {\"method\": \"Namespace.Class.Method\", \"values\": {\"id\": \"7\"}} or {\"template\": \"…:<id>:*\", \"values\": {…}}").ConfigureAwait(false);
            return;
        }

        var map = CacheMap.Build(Cache(context));
        var template = Template(request, map, out var problem, out var owners);
        if (template is null)
        {
            await Problem(context, request is { Method: null, Template: null } or { Method: not null, Template: not null } or null ? "Nothing to invalidate" : "Unknown key", problem!).ConfigureAwait(false);
            return;
        }

        var key = KeyFromTemplate.Build(template, request!.Values ?? [], path => OwnerType(owners, path), out var isPrefix, out var error);
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
        var body = await OperationRequest.ReadAsync(context, "clear").ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        if (!IsJsonObject(body))
        {
            await Problem(context, "Unreadable request", "send a JSON object as the body ({}) with the header " + OperationRequest.ActionHeader + ": clear").ConfigureAwait(false);
            return;
        }

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
        SecurityHeaders.Add(context.Response);
    }

    /// <summary>
    /// The template to build from: a cached method's key template, or one an invalidating method declares. Raw keys are
    /// never accepted: what can be removed is what the code can remove, with values escaped into it.
    /// </summary>
    private static string? Template(InvalidationRequest? request, IReadOnlyList<CacheMapEntry> map, out string? problem, out IReadOnlyList<string> owners)
    {
        problem = null;
        owners = [];
        if (request is { Method: { } method, Template: null })
        {
            var cached = map.FirstOrDefault(e => e.Kind == CacheMethodKind.Cached && e.Method == method);
            if (cached is null)
            {
                problem = $"'{Shown(method)}' is not a [Cached] method of this application";
            }

            owners = [method];
            return cached?.KeyTemplates[0];
        }

        if (request is { Template: { } template, Method: null })
        {
            // The methods that declare the template: their parameters give its placeholders' types.
            owners = map.Where(e => e.KeyTemplates.Contains(template, StringComparer.Ordinal)).Select(e => e.Method).ToList();
            if (owners.Count > 0)
            {
                return template;
            }

            problem = $"'{Shown(template)}' is not a key template of a [Cached] or [Invalidates] attribute of this application";
            return null;
        }

        problem = "give either \"method\" (a [Cached] method) or \"template\" (a template of the cache map), with \"values\" for its placeholders";
        return null;
    }

    /// <summary>The type a placeholder has in the first method declaring the template that knows it (null: taken as text).</summary>
    private static Type? OwnerType(IReadOnlyList<string> owners, string path)
        => owners.Select(owner => PlaceholderTypes.Resolve(owner, path)).FirstOrDefault(type => type is not null);

    /// <summary>What a refusal repeats of the request: enough to recognise it, never the whole of a huge value.</summary>
    private static string Shown(string text) => text.Length > 200 ? text[..200] + "…" : text;

    private static bool IsJsonObject(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
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
        => Problem(context, StatusCodes.Status400BadRequest, title, detail);

    /// <summary>A refusal as RFC 9457 problem details.</summary>
    internal static Task Problem(HttpContext context, int status, string title, string detail)
        => Json(context, status, new ProblemDocument(title, status, detail), OperationsJson.Default.ProblemDocument, "application/problem+json");

    private static Task Json<T>(HttpContext context, int status, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string contentType = "application/json")
    {
        context.Response.StatusCode = status;
        SecurityHeaders.Add(context.Response);
        return context.Response.WriteAsJsonAsync(value, type, contentType, context.RequestAborted);
    }
}
