namespace CachingGen.Storage;

/// <summary>
/// One method's hit-by-value memo in one cache: for a key with a single integer value (<c>balance:user:&lt;userId&gt;</c>),
/// the entry each value found last, so a repeat hit builds no key text and hashes no string. It only remembers: the store
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

    /// <summary>The entry <paramref name="value"/> found last, if this memo still holds it (served or not is the store's call).</summary>
    public CacheEntry? Find(long value)
    {
        var remembered = Volatile.Read(ref _slots[SlotOf(value)]);
        return remembered is not null && remembered.Value == value ? remembered.Entry : null;
    }

    /// <summary>Remembers that <paramref name="value"/> found <paramref name="entry"/> (a hit on the ordinary path).</summary>
    public void Remember(long value, CacheEntry entry)
    {
        ref var slot = ref _slots[SlotOf(value)];
        var current = Volatile.Read(ref slot);
        if (current is not null
            && (ReferenceEquals(current.Entry, entry)
                || (current.Value != value && !current.Entry.Removed && current.Entry.ExpiresAt > entry.LastAccess)))
        {
            // Already remembered (no write: hot keys are read from many cores), or the slot serves another live value.
            return;
        }

        Volatile.Write(ref slot, new Remembered(value, entry));
    }

    /// <summary>
    /// The slot of <paramref name="value"/>. Fibonacci hashing: consecutive ids land in different slots, and so do ids that
    /// differ only in their high bits.
    /// </summary>
    internal static int SlotOf(long value) => (int)(unchecked((ulong)value * 0x9E3779B97F4A7C15UL) >> Shift);

    private sealed record Remembered(long Value, CacheEntry Entry);
}
