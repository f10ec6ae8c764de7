using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace CachingGen.Infrastructure;

/// <summary>
/// The resilience part of a <see cref="CachedAttribute"/> method's policy, compiled from the attribute's properties
/// (<see cref="CachedAttribute.FailSafe"/>, <see cref="CachedAttribute.RefreshAhead"/>…) and validated by the analyzer.
/// The generator writes one into the method's descriptor only when the attribute states one of them, so a method
/// without policies runs exactly the code it ran before. Zero means "off" for every duration.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[DebuggerDisplay("{ToString(),nq}")]
public sealed record CachePolicy
{
    /// <summary>How long the last good value is kept past its TTL, to answer when the repository fails or times out.</summary>
    public TimeSpan FailSafe { get; init; }

    /// <summary>After a failure answered from the fail-safe copy, how long callers get that copy before the repository is tried again.</summary>
    public TimeSpan FailSafeBackoff { get; init; }

    /// <summary>How long a caller that has a fail-safe copy waits for a load before it gets the copy (the load goes on and refreshes the entry).</summary>
    public TimeSpan SoftTimeout { get; init; }

    /// <summary>How long any caller waits for a load: then it gets the fail-safe copy, or a <see cref="TimeoutException"/> when there is none.</summary>
    public TimeSpan HardTimeout { get; init; }

    /// <summary>The fraction of the TTL after which a hit returns the cached value and starts one background reload; 0 for none.</summary>
    public double RefreshAhead { get; init; }

    /// <summary>The most random extra TTL each stored entry gets, so entries written together expire apart.</summary>
    public TimeSpan Jitter { get; init; }

    /// <summary>A shorter TTL for the in-process level than for the distributed one; zero keeps the method's TTL in both.</summary>
    public TimeSpan LocalTtl { get; init; }

    /// <summary>Whether concurrent misses of one key on several instances make one repository call, through a lock in the distributed level.</summary>
    public bool ClusterSingleLoad { get; init; }

    /// <summary>How long an instance waits for another instance's load of the key before loading itself.</summary>
    public TimeSpan ClusterLoadWait { get; init; }

    /// <summary>A <c>Func&lt;T, bool&gt;</c>: a result for which it returns <see langword="true"/> is returned but not stored.</summary>
    public Delegate? Unless { get; init; }

    /// <summary>A <c>Func&lt;T, TimeSpan&gt;</c>: the TTL of a result chosen from it; zero or less stores nothing.</summary>
    public Delegate? TtlFrom { get; init; }

    // Equality is the record's: every property, so a policy added here is compared (the decorator's and each project's
    // interceptors' descriptors must agree) without a hand-written list to forget it in. Delegates compare by method
    // and target, and the generated ones are static method groups.

    /// <summary>The stated policies, for the cache map and a debugger: "fail-safe 00:05:00 (retry after 00:00:30), soft timeout …".</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        Add(text, FailSafe > TimeSpan.Zero, $"fail-safe {FailSafe} (retry after {FailSafeBackoff})");
        Add(text, SoftTimeout > TimeSpan.Zero, $"soft timeout {SoftTimeout}");
        Add(text, HardTimeout > TimeSpan.Zero, $"hard timeout {HardTimeout}");
        Add(text, RefreshAhead > 0, $"refresh ahead at {RefreshAhead:0.###} of the TTL");
        Add(text, Jitter > TimeSpan.Zero, $"jitter up to {Jitter}");
        Add(text, LocalTtl > TimeSpan.Zero, $"local TTL {LocalTtl}");
        Add(text, ClusterSingleLoad, $"one load per cluster (wait {ClusterLoadWait})");
        Add(text, Unless is not null, $"unless {Unless?.Method.Name}");
        Add(text, TtlFrom is not null, $"TTL from {TtlFrom?.Method.Name}");
        return text.Length == 0 ? "no policies" : text.ToString();
    }

    private static void Add(StringBuilder text, bool on, string part)
    {
        if (on)
        {
            text.Append(text.Length == 0 ? string.Empty : ", ").Append(part);
        }
    }
}
