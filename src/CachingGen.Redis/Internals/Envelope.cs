using System.Buffers.Binary;

namespace CachingGen.Redis.Internals;

/// <summary>
/// A stored value: a format marker, its absolute expiry (Unix milliseconds), the shape of its type, the versions of
/// the prefixes it was loaded under, then the serialized payload. Carrying the expiry lets a plain GET return the
/// remaining time to live (an L2 hit fills L1 for what is left); carrying the result shape (the generator's hash of
/// the type's serialized shape) lets a read tell an entry written by a release with another version of the type from
/// a corrupt one; carrying the prefix versions lets a read tell that a prefix invalidation happened after the value
/// was loaded, however late the value was written.
/// </summary>
/// <remarks>
/// Layout: <c>0xCA</c>, format <c>3</c>, expiry (8 bytes big-endian), result shape (4 bytes big-endian), prefix
/// version count (1 byte), each version (8 bytes big-endian), payload. Anything else — an entry of another format, a
/// truncated header — is malformed.
/// </remarks>
internal static class Envelope
{
    private const byte Marker = 0xCA;
    private const byte Format = 3;
    private const int ShapeOffset = 2 + sizeof(long);
    private const int CountOffset = ShapeOffset + sizeof(uint);
    private const int FixedHeader = CountOffset + 1;

    public static byte[] Wrap(ReadOnlySpan<byte> payload, long expiresAtUnixMilliseconds, uint resultShape, ReadOnlySpan<long> prefixVersions)
    {
        if (prefixVersions.Length > byte.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(prefixVersions), "A key falls under at most 255 declared prefixes.");
        }

        var header = FixedHeader + (prefixVersions.Length * sizeof(long));
        var stored = new byte[header + payload.Length];
        stored[0] = Marker;
        stored[1] = Format;
        BinaryPrimitives.WriteInt64BigEndian(stored.AsSpan(2), expiresAtUnixMilliseconds);
        BinaryPrimitives.WriteUInt32BigEndian(stored.AsSpan(ShapeOffset), resultShape);
        stored[CountOffset] = (byte)prefixVersions.Length;
        for (var i = 0; i < prefixVersions.Length; i++)
        {
            BinaryPrimitives.WriteInt64BigEndian(stored.AsSpan(FixedHeader + (i * sizeof(long))), prefixVersions[i]);
        }

        payload.CopyTo(stored.AsSpan(header));
        return stored;
    }

    /// <summary>Reads the header; throws <see cref="FormatException"/> for anything not written by <see cref="Wrap"/>.</summary>
    public static long ExpiresAt(byte[] stored, out uint resultShape, out long[] prefixVersions, out int payloadStart)
    {
        if (stored.Length < FixedHeader || stored[0] != Marker || stored[1] != Format)
        {
            throw new FormatException("The stored entry has no CachingGen header (another format, or truncated).");
        }

        var count = stored[CountOffset];
        payloadStart = FixedHeader + (count * sizeof(long));
        if (stored.Length < payloadStart)
        {
            throw new FormatException("The stored entry is shorter than its header.");
        }

        prefixVersions = new long[count];
        for (var i = 0; i < count; i++)
        {
            prefixVersions[i] = BinaryPrimitives.ReadInt64BigEndian(stored.AsSpan(FixedHeader + (i * sizeof(long))));
        }

        resultShape = BinaryPrimitives.ReadUInt32BigEndian(stored.AsSpan(ShapeOffset));
        return BinaryPrimitives.ReadInt64BigEndian(stored.AsSpan(2));
    }
}
