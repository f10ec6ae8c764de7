namespace CachingGen.Distributed;

/// <summary>Receives what other instances invalidated (the backplane), so in-process copies are dropped too.</summary>
public interface IDistributedInvalidationListener
{
    /// <summary>Another instance invalidated <paramref name="key"/>.</summary>
    void OnKeyInvalidated(string key);

    /// <summary>Another instance invalidated every key starting with <paramref name="prefix"/>.</summary>
    void OnPrefixInvalidated(string prefix);

    /// <summary>
    /// Invalidations may have been missed (the subscription dropped and came back): no in-process entry can be
    /// trusted any more.
    /// </summary>
    void OnInvalidationsMissed();
}
