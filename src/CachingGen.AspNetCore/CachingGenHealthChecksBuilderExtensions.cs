using System;
using System.Collections.Generic;
using CachingGen;
using CachingGen.AspNetCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="CachingGenHealthCheck"/>.</summary>
public static class CachingGenHealthChecksBuilderExtensions
{
    /// <summary>Adds a health check of the container's <see cref="CachingGenCache"/>, named <paramref name="name"/>.</summary>
    public static IHealthChecksBuilder AddCachingGen(this IHealthChecksBuilder builder, string name = "cachinggen", Action<CachingGenHealthCheckOptions>? configure = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new CachingGenHealthCheckOptions();
        configure?.Invoke(options);
        return builder.Add(new HealthCheckRegistration(name, sp => new CachingGenHealthCheck(sp.GetRequiredService<CachingGenCache>(), options), failureStatus: null, tags));
    }
}
