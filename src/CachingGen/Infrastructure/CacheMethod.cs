using System.ComponentModel;
using CachingGen.Diagnostics;

namespace CachingGen.Infrastructure;

/// <summary>
/// The compiled caching policy of one annotated repository method: what it does, its key templates and TTL.
/// The generator emits one static, immutable instance per method; its counters live in each
/// <see cref="CachingGenCache"/> (see <see cref="CachingGenCache.Statistics"/>), so two caches in one process count apart.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CacheMethod
{
    private static int s_nextId = -1;

    private CacheMethod(CacheMethodKind kind, string method, string keyTemplate, TimeSpan ttl, bool cacheNulls, bool speculativeLoad, uint resultShape, PrefixShape[] prefixes, CachePolicy? policy)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(keyTemplate);
        Kind = kind;
        Method = method;
        KeyTemplate = keyTemplate;
        Ttl = ttl;
        CacheNulls = cacheNulls;
        SpeculativeLoad = speculativeLoad;
        ResultShape = resultShape;
        Prefixes = prefixes;
        Policy = policy;
    }

    /// <summary>Whether the method caches or invalidates.</summary>
    public CacheMethodKind Kind { get; }

    /// <summary>Repository method, as <c>Namespace.Class.Method</c>.</summary>
    public string Method { get; }

    /// <summary>Key template; for an invalidating method, its templates joined with <c>", "</c>.</summary>
    public string KeyTemplate { get; }

    /// <summary>Time to live of cached results (zero for an invalidating method).</summary>
    public TimeSpan Ttl { get; }

    /// <summary>Whether <see langword="null"/> results are stored.</summary>
    public bool CacheNulls { get; }

    /// <summary>Whether a miss starts the repository call alongside the distributed look-up (<see cref="CachedAttribute.SpeculativeLoad"/>).</summary>
    public bool SpeculativeLoad { get; }

    /// <summary>
    /// The method's resilience policies (fail-safe, timeouts, refresh-ahead, jitter, local TTL, one load per cluster,
    /// conditional caching), or <see langword="null"/> when its attribute states none: the common case, whose path is unchanged.
    /// </summary>
    public CachePolicy? Policy { get; }

    /// <summary>
    /// A hash of the result type's serialized shape (its JSON properties, their names and types, enum members),
    /// computed by the generator; zero for an invalidating method. The distributed level stores it with each value
    /// and reads a value stored under another shape as a miss, so a release that changes the type never reads the
    /// entries of the release before it, and one that leaves it unchanged keeps them.
    /// </summary>
    public uint ResultShape { get; }

    /// <summary>The cached result type as the method declares it (<c>Wallets.Balance?</c>), for the cache map; null for an invalidating method.</summary>
    public string? ResultType { get; private init; }

    /// <summary>
    /// A dense number for the caches' counter tables (an array index on the hit path, not a dictionary look-up),
    /// given when the descriptor is interned, so copies that lose to an equal one use no number.
    /// </summary>
    internal int Id { get; private set; } = -1;

    internal void AssignId() => Id = Interlocked.Increment(ref s_nextId);

    /// <summary>The prefix shapes this invalidating method removes by (<c>[Invalidates("…:*")]</c>).</summary>
    internal PrefixShape[] Prefixes { get; }

    /// <summary>
    /// Describes a <see cref="CachedAttribute"/> method. Called by generated code: the decorator and every interceptor
    /// of the method (one per project that calls it) get the same instance, so they count on the same counters.
    /// </summary>
    public static CacheMethod ForCached(string method, string keyTemplate, TimeSpan ttl, bool cacheNulls, bool speculativeLoad = false, uint resultShape = 0, CachePolicy? policy = null, string? resultType = null)
        => CacheMethodTable.Intern(new(CacheMethodKind.Cached, method, keyTemplate, ttl, cacheNulls, speculativeLoad, resultShape, [], policy) { ResultType = resultType });

    /// <summary>Describes an <see cref="InvalidatesAttribute"/> method. Called by generated code (one instance per method, as above).</summary>
    public static CacheMethod ForInvalidating(string method, string keyTemplates, params PrefixShape[] prefixes)
    {
        ArgumentNullException.ThrowIfNull(prefixes);
        return CacheMethodTable.Intern(new(CacheMethodKind.Invalidating, method, keyTemplates, TimeSpan.Zero, cacheNulls: false, speculativeLoad: false, resultShape: 0, (PrefixShape[])prefixes.Clone(), policy: null));
    }

    /// <summary>Whether <paramref name="other"/> states the same policy (what two generated copies of one method must agree on).</summary>
    internal bool SamePolicy(CacheMethod other)
        => Kind == other.Kind
            && Method == other.Method
            && KeyTemplate == other.KeyTemplate
            && Ttl == other.Ttl
            && CacheNulls == other.CacheNulls
            && SpeculativeLoad == other.SpeculativeLoad
            && ResultShape == other.ResultShape
            && Prefixes.AsSpan().SequenceEqual(other.Prefixes)
            && Equals(Policy, other.Policy);

    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Method} ({KeyTemplate})";
}
