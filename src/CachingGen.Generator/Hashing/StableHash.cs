namespace CachingGen.Generator.Hashing;

/// <summary>
/// FNV-1a hashes that are the same in every process and release, for what the generator writes down: the result
/// shape stored with Redis values, generated names, and the scan's declaration fingerprints.
/// </summary>
internal static class StableHash
{
    private const uint OffsetBasis32 = 2166136261;
    private const uint Prime32 = 16777619;

    /// <summary>The 64-bit offset basis, to start a fingerprint with <see cref="Mix"/>.</summary>
    public const ulong Start64 = 14695981039346656037UL;

    /// <summary>32-bit FNV-1a over the bytes of the UTF-16 code units of <paramref name="text"/> (the result-shape hash).</summary>
    public static uint OfBytes(string text)
    {
        var hash = OffsetBasis32;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ (byte)c) * Prime32);
            hash = unchecked((hash ^ (byte)(c >> 8)) * Prime32);
        }

        return hash;
    }

    /// <summary>32-bit FNV-1a over the UTF-16 code units of <paramref name="text"/>, one step each (generated names).</summary>
    public static uint OfChars(string text)
    {
        var hash = OffsetBasis32;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * Prime32);
        }

        return hash;
    }

    /// <summary>One 64-bit FNV-1a step (fingerprints): start from <see cref="Start64"/>.</summary>
    public static ulong Mix(ulong hash, ulong value) => unchecked((hash ^ value) * 1099511628211UL);

    /// <summary>Every code unit of <paramref name="text"/>, mixed into <paramref name="hash"/>.</summary>
    public static ulong Mix(ulong hash, string text)
    {
        foreach (var c in text)
        {
            hash = Mix(hash, c);
        }

        return hash;
    }
}
