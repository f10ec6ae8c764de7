namespace CachingGen.Storage;

/// <summary>
/// One method's hit-by-value memo in one cache: for a key whose values fit in two <see langword="long"/>s (one or two
/// integers, or a GUID: <c>balance:user:&lt;userId&gt;</c>), the entry each value found last, so a repeat hit builds no key
/// text and hashes no string. It only remembers: the store
/// decides whether a remembered entry may still be served (<see cref="InProcessCacheStore.TryServe{T}"/>).
/// </summary>
/// <remarks>
/// A fixed table of slots indexed by the value's hash. A slot holds an immutable pair of value and entry, so a reader never
/// sees one value with another value's entry (two templates can produce one key text, so an entry alone does not say
/// which value found it). A slot is taken over only when it is empty, holds the same value, or holds an entry the store
/// has dropped or that has expired: two hot values that share a slot do not evict each other on every hit (the second one
/// takes the ordinary path instead, and allocates nothing). Memory: at most <see cref="Slots"/> pairs per method and cache,
/// including entries the store has dropped and not yet been replaced here.
/// </remarks>
internal sealed class ValueMemo
{
    /// <summary>Slots per method and cache: a power of two. 8 KiB of references, allocated on a method's first hit.</summary>
    public const int Slots = 1024;

    private const int Shift = 64 - 10;

    private readonly Remembered?[] _slots = new Remembered?[Slots];

    /// <summary>
    /// The entry the value (<paramref name="first"/>, <paramref name="second"/>) found last, if this memo still holds it
    /// (served or not is the store's call). A key of one value passes 0 as <paramref name="second"/>.
    /// </summary>
    public CacheEntry? Find(long first, long second)
    {
        var remembered = Volatile.Read(ref _slots[SlotOf(first, second)]);
        return remembered is not null && remembered.First == first && remembered.Second == second ? remembered.Entry : null;
    }

    /// <summary>Remembers that the value (<paramref name="first"/>, <paramref name="second"/>) found <paramref name="entry"/> (a hit on the ordinary path).</summary>
    public void Remember(long first, long second, CacheEntry entry)
    {
        ref var slot = ref _slots[SlotOf(first, second)];
        var current = Volatile.Read(ref slot);
        if (current is not null
            && (ReferenceEquals(current.Entry, entry)
                || ((current.First != first || current.Second != second) && !current.Entry.Removed && current.Entry.ExpiresAt > entry.LastAccess)))
        {
            // Already remembered (no write: hot keys are read from many cores), or the slot serves another live value.
            return;
        }

        Volatile.Write(ref slot, new Remembered(first, second, entry));
    }

    /// <summary>
    /// The slot of a value. Fibonacci hashing of each half: consecutive ids land in different slots, and so do ids that
    /// differ only in their high bits.
    /// </summary>
    internal static int SlotOf(long first, long second)
        => (int)(unchecked(((ulong)first * 0x9E3779B97F4A7C15UL) ^ ((ulong)second * 0xC2B2AE3D27D4EB4FUL)) >> Shift);

    private sealed record Remembered(long First, long Second, CacheEntry Entry);
}
