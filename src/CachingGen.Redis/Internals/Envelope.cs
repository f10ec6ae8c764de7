using System;
using System.Buffers.Binary;

namespace CachingGen.Redis.Internals;

/// <summary>
/// A stored value: its absolute expiry (Unix milliseconds, 8 bytes big-endian) then the serialized payload.
/// Carrying the expiry lets a plain GET return the remaining time to live, which an L2 hit needs to fill L1.
/// </summary>
internal static class Envelope
{
    private const int HeaderSize = sizeof(long);

    public static byte[] Wrap(byte[] payload, long expiresAtUnixMilliseconds)
    {
        var stored = new byte[HeaderSize + payload.Length];
        BinaryPrimitives.WriteInt64BigEndian(stored, expiresAtUnixMilliseconds);
        payload.CopyTo(stored, HeaderSize);
        return stored;
    }

    public static long ExpiresAt(byte[] stored)
        => stored.Length >= HeaderSize
            ? BinaryPrimitives.ReadInt64BigEndian(stored)
            : throw new FormatException("The stored entry is shorter than its header.");

    public static ReadOnlySpan<byte> Payload(byte[] stored) => stored.AsSpan(HeaderSize);
}
