using System.Diagnostics.CodeAnalysis;
using CachingGen.Infrastructure;
using CachingGen.Storage;

namespace CachingGen;

/// <summary>
/// The hit path of a method whose key values fit in two <see langword="long"/>s (one or two integers, or a GUID:
/// <c>balance:user:&lt;userId&gt;</c>): a repeat hit finds its entry by the value, before any key text is built. Only behind
/// the fast-path gate (<see cref="FastHitStore"/>: the built-in store, no transaction ever seen, no hit spans); otherwise
/// the generated code takes the ordinary path.
/// </summary>
public sealed partial class CachingGenCache
{
    /// <summary>A hit by the value alone: the entry the value found last, if the store still serves it. Counted as a hit.</summary>
    internal bool TryGetLocalByValue<T>(CacheMethod method, long first, long second, bool guid, [NotNullWhen(true)] out CacheEntry<T>? entry)
    {
        if (FastHitStore is { } store)
        {
            var counters = _counters.For(method);
            if (counters.Memo(guid) is { } memo && memo.Find(first, second) is { } remembered)
            {
                if (store.TryServe(remembered, out entry))
                {
                    counters.RecordHit();
                    return true;
                }

                // Dropped or expired: let it go, so the memo does not keep its value alive.
                memo.Forget(first, second, remembered);
            }
        }

        entry = null;
        return false;
    }

    /// <summary>The ordinary look-up by key text; a hit is remembered under the value for the next one.</summary>
    internal bool TryGetLocal<T>(ReadOnlySpan<char> key, CacheMethod method, long first, long second, bool guid, [NotNullWhen(true)] out CacheEntry<T>? entry)
    {
        if (!TryGetLocal(key, method, out entry))
        {
            return false;
        }

        // Remembered only where it will be read: behind the same gate as TryGetLocalByValue.
        if (FastHitStore is not null)
        {
            _counters.For(method).MemoToWrite(guid).Remember(first, second, entry);
        }

        return true;
    }

    /// <summary>This cache's per-method state (counters and memos) for <paramref name="method"/>: what tests look into.</summary>
    internal Internals.Diagnostics.MethodCounters CountersFor(CacheMethod method) => _counters.For(method);
}
