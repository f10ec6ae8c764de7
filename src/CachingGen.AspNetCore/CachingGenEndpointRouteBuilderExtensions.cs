using System;
using CachingGen;
using CachingGen.AspNetCore.Internals;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps CachingGen's operations endpoints: statistics, the cache map (JSON and page), invalidation actions.</summary>
public static class CachingGenEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps, under <paramref name="pattern"/>: <c>GET</c> the cache map as a page, <c>GET map.json</c> the map (every key
    /// template, its TTL and result type, the writes that invalidate it, and counters), <c>GET stats.json</c> the counters,
    /// <c>GET manifest.json</c> the cache manifests the generator wrote (tables read and written, and whether each write
    /// invalidates the reads of its tables), <c>GET feed.json</c> the change feed (state, lag, changes and invalidations per
    /// table; 404 without one),
    /// <c>POST invalidate</c> one key or declared prefix (<c>{"method": "Ns.Repo.Find", "values": {"id": "7"}}</c> or
    /// <c>{"template": "…:&lt;id&gt;:*", "values": {…}}</c>: values are escaped into the template, never taken as raw keys),
    /// and <c>POST clear</c> everything. Every endpoint requires <paramref name="authorizationPolicy"/>: they show keys
    /// and can empty the cache, so there is no anonymous form.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="authorizationPolicy"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">No authorization policy has that name, or <c>AddCachingGen</c> was not called.</exception>
    public static RouteGroupBuilder MapCachingGen(this IEndpointRouteBuilder endpoints, string pattern, string authorizationPolicy)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        if (string.IsNullOrWhiteSpace(authorizationPolicy))
        {
            throw new ArgumentException("CachingGen's operations endpoints show cache keys and can empty the cache: name the authorization policy of the people allowed to use them (builder.Services.AddAuthorization(o => o.AddPolicy(\"CacheOperators\", …)); app.MapCachingGen(\"/cachinggen\", \"CacheOperators\")).", nameof(authorizationPolicy));
        }

        var policies = endpoints.ServiceProvider.GetService<IAuthorizationPolicyProvider>()
            ?? throw new InvalidOperationException("MapCachingGen needs authorization: call builder.Services.AddAuthorization(…) with the policy '" + authorizationPolicy + "'.");
        if (policies.GetPolicyAsync(authorizationPolicy).GetAwaiter().GetResult() is null)
        {
            throw new InvalidOperationException($"MapCachingGen: there is no authorization policy named '{authorizationPolicy}'; add it with builder.Services.AddAuthorization(o => o.AddPolicy(\"{authorizationPolicy}\", …)).");
        }

        if (endpoints.ServiceProvider.GetService<CachingGenCache>() is null)
        {
            throw new InvalidOperationException("MapCachingGen: no CachingGenCache in the container; call builder.Services.AddCachingGen() first.");
        }

        var group = endpoints.MapGroup(pattern);
        group.RequireAuthorization(authorizationPolicy);
        group.MapGet(string.Empty, new RequestDelegate(OperationsEndpoints.PageAsync));
        group.MapGet("/map.json", new RequestDelegate(OperationsEndpoints.MapAsync));
        group.MapGet("/stats.json", new RequestDelegate(OperationsEndpoints.StatisticsAsync));
        group.MapGet("/manifest.json", new RequestDelegate(OperationsEndpoints.ManifestAsync));
        group.MapGet("/feed.json", new RequestDelegate(OperationsEndpoints.FeedAsync));
        group.MapPost("/invalidate", new RequestDelegate(OperationsEndpoints.InvalidateAsync));
        group.MapPost("/clear", new RequestDelegate(OperationsEndpoints.ClearAsync));
        return group;
    }
}
