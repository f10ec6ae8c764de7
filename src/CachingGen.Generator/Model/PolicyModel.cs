namespace CachingGen.Generator.Model;

/// <summary>
/// The resilience policies of a <c>[Cached]</c> method, validated (CG0026–CG0028). Null on the method when the attribute
/// states none, so its generated code is what it was before policies existed.
/// </summary>
/// <param name="FailSafe">How long the last good value is kept past the TTL.</param>
/// <param name="FailSafeBackoff">How long the copy answers before the repository is tried again (set when <paramref name="FailSafe"/> is).</param>
/// <param name="SoftTimeout">How long a caller with a copy waits for a load.</param>
/// <param name="HardTimeout">How long any caller waits for a load.</param>
/// <param name="RefreshAhead">The fraction of the TTL after which a hit starts a reload; 0 for none.</param>
/// <param name="Jitter">The most random extra TTL.</param>
/// <param name="LocalTtl">The in-process level's shorter TTL.</param>
/// <param name="ClusterSingleLoad">Whether misses across instances share one load.</param>
/// <param name="ClusterLoadWait">How long an instance waits for another's load (set when <paramref name="ClusterSingleLoad"/> is).</param>
/// <param name="Unless">The <c>Unless</c> rule as a qualified method group (<c>global::Ns.Repo.IsPending</c>).</param>
/// <param name="TtlFrom">The <c>TtlFrom</c> rule as a qualified method group.</param>
internal sealed record PolicyModel(
    DurationModel? FailSafe,
    DurationModel? FailSafeBackoff,
    DurationModel? SoftTimeout,
    DurationModel? HardTimeout,
    double RefreshAhead,
    DurationModel? Jitter,
    DurationModel? LocalTtl,
    bool ClusterSingleLoad,
    DurationModel? ClusterLoadWait,
    string? Unless,
    string? TtlFrom);
