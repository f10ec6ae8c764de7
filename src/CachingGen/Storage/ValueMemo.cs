using System.Numerics;
using System.Runtime.InteropServices;

namespace CachingGen.Storage;

/// <summary>
/// One method's hit-by-value memo in one cache: for a key whose values fit in two <see langword="long"/>s (one or two
/// integers, or a GUID: <c>balance:user:&lt;userId&gt;</c>) or are one string (<c>product:&lt;sku&gt;</c>), the entry each
/// value found last, so a repeat hit builds no key text (and, for integers and GUIDs, hashes no string). It only
/// remembers: the store decides whether a remembered entry may still be served (<see cref="InProcessCacheStore.TryServe{T}"/>).
/// </summary>
/// <remarks>
/// A table of slots indexed by the value's hash. A string value is held as its hash (the first long) and its text, and
/// found only by equal text: two strings of one hash share a slot, never an entry. A slot holds an immutable pair of value and entry, so a reader never sees
/// one value with another value's entry (two templates can produce one key text, so an entry alone does not say which
/// value found it). A slot is taken over only when it is empty, holds the same value, or holds an entry the store has
/// dropped or that has expired. When a live value holds the slot another value needs, the table doubles (copy-on-write,
/// from <see cref="InitialSlots"/> up to <see cref="MaxSlots"/>); at its largest the second value takes the ordinary path
/// instead, so two hot values never evict each other on every hit. A hit by value allocates nothing; remembering a new entry
/// allocates its pair, and growing a new table. Memory: a method with a few
/// hot values keeps 16 slots; at most <see cref="MaxSlots"/> pairs per method and cache, including entries the store has
/// dropped and that have not yet been replaced here.
/// </remarks>
internal sealed class ValueMemo
{
    /// <summary>Slots of a new memo (a power of two): 128 bytes of references, made on the method's first hit by key.</summary>
    public const int InitialSlots = 16;

    /// <summary>The most slots a memo grows to (a power of two): 8 KiB of references.</summary>
    public const int MaxSlots = 1024;

    private readonly Lock _growLock = new();
    private Table _table = new(InitialSlots);

    /// <summary>How many slots the memo has now.</summary>
    public int Capacity => Volatile.Read(ref _table).Slots.Length;

    /// <summary>
    /// The entry the value (<paramref name="first"/>, <paramref name="second"/>) found last, if this memo still holds it
    /// (served or not is the store's call). A key of one value passes 0 as <paramref name="second"/>.
    /// </summary>
    public CacheEntry? Find(long first, long second) => Find(first, second, text: null);

    /// <summary>The entry the string <paramref name="text"/> found last, if this memo (a memo of strings) still holds it.</summary>
    public CacheEntry? Find(string text) => Find(HashOf(text), 0, text);

    /// <summary>Remembers that the value (<paramref name="first"/>, <paramref name="second"/>) found <paramref name="entry"/> (a hit on the ordinary path).</summary>
    public void Remember(long first, long second, CacheEntry entry) => Remember(first, second, text: null, entry);

    /// <summary>Remembers that the string <paramref name="text"/> found <paramref name="entry"/> (a memo of strings).</summary>
    public void Remember(string text, CacheEntry entry) => Remember(HashOf(text), 0, text, entry);

    /// <summary>
    /// Where a string value is held: a hash of its characters, four at a time (a multiply and a rotate each: a 42-character
    /// address in a few nanoseconds, where the randomized string hash took several times that, on every hit). Not
    /// randomized, and it need not be: values that share a slot never share an entry (the text is compared), and all
    /// they can do is grow the memo to its bound and then take the ordinary path.
    /// </summary>
    public static long HashOf(string text)
    {
        var chars = text.AsSpan();
        var hash = (ulong)chars.Length * 0x9E3779B97F4A7C15UL;
        var words = MemoryMarshal.Cast<char, ulong>(chars);
        foreach (var word in words)
        {
            hash = BitOperations.RotateLeft((hash ^ word) * 0xC2B2AE3D27D4EB4FUL, 31);
        }

        for (var i = words.Length * 4; i < chars.Length; i++)
        {
            hash = BitOperations.RotateLeft((hash ^ chars[i]) * 0xC2B2AE3D27D4EB4FUL, 31);
        }

        return unchecked((long)hash);
    }

    /// <summary>The entry remembered under the value (<paramref name="first"/>, <paramref name="second"/>) and, in a memo of strings, <paramref name="text"/> (whose <see cref="HashOf"/> is <paramref name="first"/>).</summary>
    public CacheEntry? Find(long first, long second, string? text)
    {
        var table = Volatile.Read(ref _table);
        var remembered = Volatile.Read(ref table.Slots[table.SlotOf(first, second)]);
        return remembered is not null && remembered.Holds(first, second, text) ? remembered.Entry : null;
    }

    private void Remember(long first, long second, string? text, CacheEntry entry)
    {
        var table = Volatile.Read(ref _table);
        ref var slot = ref table.Slots[table.SlotOf(first, second)];
        var current = Volatile.Read(ref slot);
        if (current is not null && ReferenceEquals(current.Entry, entry) && current.Holds(first, second, text))
        {
            // Already remembered: no write, since hot keys are read from many cores.
            return;
        }

        if (current is not null && !current.Holds(first, second, text) && Live(current, entry.LastAccess))
        {
            // Another live value holds the slot: a larger table may separate them; at the largest, this value goes without.
            if (table.Slots.Length < MaxSlots)
            {
                Grow(table, entry.LastAccess);
                Remember(first, second, text, entry);
            }

            return;
        }

        Volatile.Write(ref slot, new Remembered(first, second, text, entry));
    }

    /// <summary>
    /// Empties the slot of the value (a string's: its <see cref="HashOf"/> and 0) if it still holds <paramref name="entry"/>, which the store no longer serves: the memo
    /// then keeps no value alive that the store has let go of, once the value is asked for again.
    /// </summary>
    public void Forget(long first, long second, CacheEntry entry)
    {
        var table = Volatile.Read(ref _table);
        ref var slot = ref table.Slots[table.SlotOf(first, second)];
        if (Volatile.Read(ref slot) is { } current && ReferenceEquals(current.Entry, entry))
        {
            Interlocked.CompareExchange(ref slot, null, current);
        }
    }

    /// <summary>The slot of a value in a table of <paramref name="slots"/> slots (for tests that need two values to share one).</summary>
    internal static int SlotOf(long first, long second, int slots) => new Table(slots).SlotOf(first, second);

    // A pair whose entry the store still holds and whose TTL had not run out at the last read (store clock units).
    private static bool Live(Remembered remembered, long now) => !remembered.Entry.Removed && remembered.Entry.ExpiresAt > now;

    private void Grow(Table seen, long now)
    {
        lock (_growLock)
        {
            if (!ReferenceEquals(Volatile.Read(ref _table), seen))
            {
                return; // Another caller grew it meanwhile.
            }

            var larger = new Table(seen.Slots.Length * 2);
            foreach (var remembered in seen.Slots)
            {
                // Live pairs move; a pair that lands on a taken slot is dropped (its value finds its entry by key again).
                if (remembered is not null && Live(remembered, now))
                {
                    ref var slot = ref larger.Slots[larger.SlotOf(remembered.First, remembered.Second)];
                    slot ??= remembered;
                }
            }

            Volatile.Write(ref _table, larger);
        }
    }

    /// <summary>One size of the memo: its slots and the shift that maps a hash onto them.</summary>
    private sealed class Table(int slots)
    {
        private readonly int _shift = 64 - System.Numerics.BitOperations.Log2((uint)slots);

        public Remembered?[] Slots { get; } = new Remembered?[slots];

        /// <summary>
        /// Fibonacci hashing of each half, the top bits kept: consecutive ids land in different slots, and so do ids that
        /// differ only in their high bits.
        /// </summary>
        public int SlotOf(long first, long second)
            => (int)(unchecked(((ulong)first * 0x9E3779B97F4A7C15UL) ^ ((ulong)second * 0xC2B2AE3D27D4EB4FUL)) >> _shift);
    }

    private sealed record Remembered(long First, long Second, string? Text, CacheEntry Entry)
    {
        // Ordinal: a key's text holds the string as it is (escaped, never case-folded).
        public bool Holds(long first, long second, string? text) => First == first && Second == second && string.Equals(Text, text, StringComparison.Ordinal);
    }
}
