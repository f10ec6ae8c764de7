namespace CachingGen.Distributed;

/// <summary>
/// Implemented by a distributed level that can remove everything it holds for the application
/// (<see cref="CachingGenCache.ClearAsync"/>; CachingGen.Redis deletes the keys under its key prefix).
/// </summary>
public interface IDistributedCacheClear
{
    /// <summary>Removes every entry; throws when the level cannot be reached.</summary>
    Task ClearAsync();
}
