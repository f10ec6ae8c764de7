using System;

namespace CachingGen;

/// <summary>
/// Caches the result of a repository method. The CachingGen source generator emits a cache-aside
/// decorator that builds the key from <paramref name="key"/> at compile time, returns a cached value on a
/// hit and calls the real method on a miss.
/// </summary>
/// <remarks>
/// Calls through an interface the class implements go through the generated decorator, which
/// <c>services.AddCachingGen()</c> registers in front of the class; calls made on the class itself (self-calls,
/// instances created with <c>new</c> or registered as their class, static methods) are replaced at compile time by
/// generated interceptors. The attribute stays in the compiled assembly, so a project that calls the method from
/// another assembly intercepts its calls too.
/// Supported return types: <c>Task&lt;T&gt;</c>, <c>ValueTask&lt;T&gt;</c> and a synchronous <c>T</c>.
/// </remarks>
/// <param name="ttl">
/// Time to live, parsed at compile time: a whole number with a lower-case unit <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c> or
/// <c>d</c> (<c>"500ms"</c>, <c>"30s"</c>, <c>"5m"</c>, <c>"1h"</c>, <c>"1d"</c>), or <c>hh:mm:ss[.fffffff]</c> /
/// <c>d.hh:mm:ss[.fffffff]</c> with two digits each (<c>"00:05:00"</c>, <c>"1.00:00:00"</c>). Anything else, such as
/// <c>"5"</c> (which <see cref="TimeSpan"/> would read as 5 days) or <c>"00:05"</c>, is error CG0003, with a code fix.
/// </param>
/// <param name="key">Key template such as <c>"balance:user:&lt;userId&gt;"</c>: literal text and <c>&lt;parameter&gt;</c> or <c>&lt;parameter.Member&gt;</c> placeholders.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class CachedAttribute(string ttl, string key) : Attribute
{
    /// <summary>Time to live, as written in the attribute.</summary>
    public string Ttl { get; } = ttl;

    /// <summary>Key template, as written in the attribute.</summary>
    public string Key { get; } = key;

    /// <summary>
    /// Whether a <see langword="null"/> result is cached (a cached <see langword="null"/> is a hit).
    /// Defaults to <see langword="true"/>, so repeated look-ups of a missing row do not reach the database.
    /// </summary>
    public bool CacheNulls { get; set; } = true;

    /// <summary>
    /// With a distributed level (Redis): on an in-process miss, start the repository call at the same time as
    /// the Redis look-up instead of after it, and drop its result if Redis has the value. A miss then costs
    /// the repository call alone rather than a Redis round trip plus the call; the price is a repository call
    /// on every Redis hit. The Redis read is sent first, so the race guard still sees writes that completed
    /// before the repository read — on one connection, that is within this process: an invalidation from another
    /// instance that reaches Redis after this read was sent but before Redis ran it can let this instance store the
    /// value its repository read before that write (until the TTL, or the next invalidation). Use it for data that
    /// tolerates that; leave it off where every write must be seen at once by all instances. Defaults to
    /// <see langword="false"/>.
    /// </summary>
    public bool SpeculativeLoad { get; set; }
}
