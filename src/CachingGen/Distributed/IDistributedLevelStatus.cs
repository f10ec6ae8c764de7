namespace CachingGen.Distributed;

/// <summary>
/// Implemented by a distributed level that can say how it is doing, for health checks and the operations endpoints
/// (CachingGen.Redis implements it).
/// </summary>
public interface IDistributedLevelStatus
{
    /// <summary>Whether the level is connected now.</summary>
    bool IsConnected { get; }

    /// <summary>Whether the level's circuit breaker is open: calls skip it and the cache runs on its in-process level.</summary>
    bool IsCircuitOpen { get; }
}
