namespace CachingGen.Tests.Policies;

/// <summary>
/// The decorator and every project's interceptors write their own descriptor of one method, and the runtime refuses two
/// that disagree (<c>CacheMethod.SamePolicy</c> compares policies with <see cref="CachePolicy.Equals(CachePolicy)"/>):
/// policies compare on every property, so one added later is compared without a list to update. (No descriptor is
/// interned here: the method table is process-wide, and a conflict would be reported to other tests.)
/// </summary>
public sealed class PolicyEqualityTests
{
    private static bool IsPending(int value) => value < 0;

    private static bool IsEmpty(int value) => value == 0;

    [Fact]
    public void Two_policies_written_alike_are_equal()
    {
        Assert.Equal(Policy(), Policy());
        Assert.Equal(Policy().GetHashCode(), Policy().GetHashCode());
    }

    [Fact]
    public void Policies_differing_in_any_one_property_differ()
    {
        var basis = Policy();
        Assert.NotEqual(basis, basis with { FailSafe = TimeSpan.FromMinutes(6) });
        Assert.NotEqual(basis, basis with { FailSafeBackoff = TimeSpan.FromSeconds(31) });
        Assert.NotEqual(basis, basis with { SoftTimeout = TimeSpan.FromSeconds(2) });
        Assert.NotEqual(basis, basis with { HardTimeout = TimeSpan.FromSeconds(6) });
        Assert.NotEqual(basis, basis with { RefreshAhead = 0.75 });
        Assert.NotEqual(basis, basis with { Jitter = TimeSpan.FromSeconds(4) });
        Assert.NotEqual(basis, basis with { LocalTtl = TimeSpan.FromSeconds(11) });
        Assert.NotEqual(basis, basis with { ClusterSingleLoad = false });
        Assert.NotEqual(basis, basis with { ClusterLoadWait = TimeSpan.FromSeconds(6) });
        Assert.NotEqual(basis, basis with { Unless = (Func<int, bool>)IsEmpty });
        Assert.NotEqual(basis, basis with { TtlFrom = null });
    }

    // Method groups converted at two call sites, as two generated descriptors do.
    private static CachePolicy Policy() => new()
    {
        FailSafe = TimeSpan.FromMinutes(5),
        FailSafeBackoff = TimeSpan.FromSeconds(30),
        SoftTimeout = TimeSpan.FromSeconds(1),
        HardTimeout = TimeSpan.FromSeconds(5),
        RefreshAhead = 0.8,
        Jitter = TimeSpan.FromSeconds(3),
        LocalTtl = TimeSpan.FromSeconds(10),
        ClusterSingleLoad = true,
        ClusterLoadWait = TimeSpan.FromSeconds(5),
        Unless = (Func<int, bool>)IsPending,
        TtlFrom = (Func<int, TimeSpan>)(_ => TimeSpan.FromSeconds(1)),
    };
}
