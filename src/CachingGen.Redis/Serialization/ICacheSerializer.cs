using System;

namespace CachingGen.Redis.Serialization;

/// <summary>Turns cached values into bytes for Redis and back. Implementations must be thread-safe.</summary>
public interface ICacheSerializer
{
    /// <summary>Serializes <paramref name="value"/> (which may be null, for a cached null).</summary>
    byte[] Serialize<T>(T value);

    /// <summary>Deserializes what <see cref="Serialize{T}"/> wrote. Throws on data it cannot read; the cache then treats the entry as a miss.</summary>
    T Deserialize<T>(ReadOnlySpan<byte> data);
}
