namespace CachingGen.Diagnostics;

/// <summary>What a cache's traces carry beyond the default (<c>AddCachingGen(o => o.Telemetry…)</c>).</summary>
public sealed class CacheTelemetryOptions
{
    /// <summary>
    /// Whether a hit makes a span too. Off by default: hits are the common case and cheap, and a span each would cost
    /// more than the hit; with a listener sampling them, each hit allocates its span.
    /// </summary>
    public bool TraceHits { get; set; }

    /// <summary>
    /// Whether spans carry the key itself (<see cref="CachingGenTracing.KeyTag"/>). Off by default: keys often hold user
    /// ids or e-mail addresses. The key template is always there.
    /// </summary>
    public bool RecordKeys { get; set; }
}
