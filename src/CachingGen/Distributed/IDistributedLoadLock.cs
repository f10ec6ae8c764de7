namespace CachingGen.Distributed;

/// <summary>
/// Implemented by a distributed level that can make concurrent misses of one key on several instances share one
/// repository call (<see cref="CachedAttribute.ClusterSingleLoad"/>): one instance takes the key's load lock and loads,
/// the others read the value it stores. CachingGen.Redis implements it with <c>SET NX PX</c>.
/// </summary>
/// <remarks>
/// The lock only saves repository calls; correctness never depends on it. A fault of either member is counted and
/// logged, and the instance then loads by itself, as it does when the wait for the holder's value runs out.
/// </remarks>
public interface IDistributedLoadLock
{
    /// <summary>
    /// Takes the load lock of <paramref name="key"/> for at most <paramref name="expiry"/> (so a holder that dies frees it),
    /// unless another instance holds it. Returns the token to release it with, or <see langword="null"/> when it is held.
    /// </summary>
    Task<string?> TryAcquireLoadLockAsync(string key, TimeSpan expiry);

    /// <summary>Releases the lock taken with <paramref name="token"/>; a lock that expired and was taken by another instance is left alone.</summary>
    Task ReleaseLoadLockAsync(string key, string token);
}
