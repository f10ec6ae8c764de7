namespace CachingGen.Benchmarks.Fixtures;

/// <summary>Three reads alike but for their policies, so a hit of each costs the same but for what the policy adds.</summary>
public interface IPolicyLookup
{
    Task<IReadOnlyList<Balance>> PlainAsync(long userId);

    Task<IReadOnlyList<Balance>> FailSafeAsync(long userId);

    Task<IReadOnlyList<Balance>> RefreshAheadAsync(long userId);
}
