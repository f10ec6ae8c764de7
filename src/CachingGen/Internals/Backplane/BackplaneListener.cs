using CachingGen.Distributed;

namespace CachingGen.Internals.Backplane;

/// <summary>Applies other instances' invalidations, delivered by the backplane, to one cache. Never throws into the backplane.</summary>
internal sealed class BackplaneListener(CachingGenCache cache) : IDistributedInvalidationListener
{
    public void OnKeyInvalidated(string key) => Apply(() => cache.ApplyRemoteInvalidation(key, isPrefix: false));

    public void OnPrefixInvalidated(string prefix) => Apply(() => cache.ApplyRemoteInvalidation(prefix, isPrefix: true));

    public void OnInvalidationsMissed() => Apply(cache.ApplyMissedInvalidations);

    private void Apply(Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex)
        {
            cache.OnBackplaneFault(ex);
        }
    }
}
