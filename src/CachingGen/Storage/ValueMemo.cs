namespace CachingGen.Storage;

/// <summary>
/// One method's hit-by-value memo in one cache: for a key whose values fit in two <see langword="long"/>s (one or two
/// integers, or a GUID: <c>balance:user:&lt;userId&gt;</c>), the entry each value found last, so a repeat hit builds no key
/// text and hashes no string. It only remembers: the store decides whether a remembered entry may still be served
/// (<see cref="InProcessCacheStore.TryServe{T}"/>).
/// </summary>
/// <remarks>
/// A table of slots indexed by the value's hash. A slot holds an immutable pair of value and entry, so a reader never sees
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
    public CacheEntry? Find(long first, long second)
    {
        var table = Volatile.Read(ref _table);
        var remembered = Volatile.Read(ref table.Slots[table.SlotOf(first, second)]);
        return remembered is not null && remembered.First == first && remembered.Second == second ? remembered.Entry : null;
    }

    /// <summary>Remembers that the value (<paramref name="first"/>, <paramref name="second"/>) found <paramref name="entry"/> (a hit on the ordinary path).</summary>
    public void Remember(long first, long second, CacheEntry entry)
    {
        var table = Volatile.Read(ref _table);
        ref var slot = ref table.Slots[table.SlotOf(first, second)];
        var current = Volatile.Read(ref slot);
        if (current is not null && ReferenceEquals(current.Entry, entry) && current.First == first && current.Second == second)
        {
            // Already remembered: no write, since hot keys are read from many cores.
            return;
        }

        if (current is not null && (current.First != first || current.Second != second) && Live(current, entry.LastAccess))
        {
            // Another live value holds the slot: a larger table may separate them; at the largest, this value goes without.
            if (table.Slots.Length < MaxSlots)
            {
                Grow(table, entry.LastAccess);
                Remember(first, second, entry);
            }

            return;
        }

        Volatile.Write(ref slot, new Remembered(first, second, entry));
    }

    /// <summary>
    /// Empties the slot of the value if it still holds <paramref name="entry"/>, which the store no longer serves: the memo
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

    private sealed record Remembered(long First, long Second, CacheEntry Entry);
}
