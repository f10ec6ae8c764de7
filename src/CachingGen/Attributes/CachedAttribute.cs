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

    /// <summary>
    /// Fail-safe: how long the last good value is kept past its TTL (a duration, written like the TTL: <c>"1h"</c>). When the
    /// repository throws, or exceeds <see cref="HardTimeout"/>, callers get that value instead — counted as <c>stale</c> and
    /// logged once per method per interval — and the repository is not tried again for <see cref="FailSafeBackoff"/>. With no
    /// value kept (never loaded, past the window, or invalidated: an invalidation removes the copy too), the exception
    /// propagates. Kept in process; off by default.
    /// </summary>
    public string? FailSafe { get; set; }

    /// <summary>
    /// After a failure answered from the fail-safe copy, how long callers keep getting the copy before the repository is
    /// tried again, so a failing database is not sent every call. Needs <see cref="FailSafe"/>; default <c>"30s"</c>.
    /// </summary>
    public string? FailSafeBackoff { get; set; }

    /// <summary>
    /// How long a caller waits for the repository before it gets the fail-safe copy, while the load finishes in the background
    /// and refreshes the entry. Needs <see cref="FailSafe"/> (a caller without a copy waits on), and an asynchronous method.
    /// </summary>
    public string? SoftTimeout { get; set; }

    /// <summary>
    /// How long any caller waits for the repository: then it gets the fail-safe copy, or a <see cref="TimeoutException"/> when
    /// there is none. The load goes on in the background and stores its result. Longer than <see cref="SoftTimeout"/>;
    /// asynchronous methods only.
    /// </summary>
    public string? HardTimeout { get; set; }

    /// <summary>
    /// Refresh-ahead: the fraction of the TTL, between 0 and 1 exclusive, after which a hit returns the cached value at once
    /// and starts one background reload of that key, so an entry read steadily never expires. Keys nobody reads are not
    /// reloaded. A hit stays allocation-free. Off (0) by default.
    /// </summary>
    public double RefreshAhead { get; set; }

    /// <summary>
    /// A random extra TTL, from zero up to this duration, added to each stored entry, so entries written together do not
    /// all expire together.
    /// </summary>
    public string? Jitter { get; set; }

    /// <summary>
    /// A TTL for the in-process level shorter than the TTL: with a distributed level, each instance re-reads the entry from it
    /// this often, so instances converge even when a backplane message is lost. Without one it simply shortens the TTL.
    /// </summary>
    public string? LocalTtl { get; set; }

    /// <summary>
    /// With a distributed level that supports it (Redis): concurrent misses of one key on several instances make one
    /// repository call. One instance takes the key's lock in Redis and loads; the others read the value it stores, for at
    /// most <see cref="ClusterLoadWait"/>, then load themselves. Falls back to a local load when Redis is down. Asynchronous
    /// methods only; off by default.
    /// </summary>
    public bool ClusterSingleLoad { get; set; }

    /// <summary>How long an instance waits for another instance's load (<see cref="ClusterSingleLoad"/>); default <c>"5s"</c>.</summary>
    public string? ClusterLoadWait { get; set; }

    /// <summary>
    /// Conditional caching: the name (use <c>nameof</c>) of a static method <c>bool M(TResult result)</c> of the repository
    /// class; a result for which it returns <see langword="true"/> is returned but not stored (Spring's <c>unless</c>). It
    /// must be at least as accessible as the cached method; the analyzer checks its signature.
    /// </summary>
    public string? Unless { get; set; }

    /// <summary>
    /// A TTL chosen from the result: the name (use <c>nameof</c>) of a static method <c>TimeSpan M(TResult result)</c> of the
    /// repository class; zero or less stores nothing. Replaces the TTL for that result; the attribute's TTL remains the one
    /// refresh-ahead and the analyzer reason about.
    /// </summary>
    public string? TtlFrom { get; set; }
}
