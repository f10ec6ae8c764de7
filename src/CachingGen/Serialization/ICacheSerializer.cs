namespace CachingGen.Serialization;

/// <summary>
/// Turns cached values into bytes for a distributed level and back. Implementations must be thread-safe. In the core
/// package because every level may use it, and because the result-shape hash the generator computes at compile time
/// (public properties, their names and types, enum members) assumes what a serializer of this contract writes: an
/// entry whose shape hash differs from the running type's is read as a miss, never deserialized.
/// </summary>
public interface ICacheSerializer
{
    /// <summary>Serializes <paramref name="value"/> (which may be null, for a cached null).</summary>
    byte[] Serialize<T>(T value);

    /// <summary>Deserializes what <see cref="Serialize{T}"/> wrote. Throws on data it cannot read; the cache then treats the entry as a miss.</summary>
    T Deserialize<T>(ReadOnlySpan<byte> data);
}
