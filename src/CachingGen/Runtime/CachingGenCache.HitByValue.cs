using System.Diagnostics.CodeAnalysis;
using CachingGen.Infrastructure;
using CachingGen.Storage;

namespace CachingGen;

/// <summary>
/// The hit path of a method whose key values fit in two <see langword="long"/>s (one or two integers, or a GUID:
/// <c>balance:user:&lt;userId&gt;</c>) or are one string (<c>product:&lt;sku&gt;</c>): a repeat hit finds its entry by the
/// value, before any key text is built. Only behind
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
                return Serve(store, counters, memo, remembered, first, second, out entry);
            }
        }

        entry = null;
        return false;
    }

    /// <summary>A hit by one string value; null (a caller that ignored the parameter's nullability) takes the ordinary path.</summary>
    internal bool TryGetLocalByValue<T>(CacheMethod method, string? value, [NotNullWhen(true)] out CacheEntry<T>? entry)
    {
        if (value is not null && FastHitStore is { } store)
        {
            var counters = _counters.For(method);
            if (counters.TextMemo is { } memo)
            {
                var hash = ValueMemo.HashOf(value);
                if (memo.Find(hash, 0, value) is { } remembered)
                {
                    return Serve(store, counters, memo, remembered, hash, 0, out entry);
                }
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

    /// <summary>The ordinary look-up by key text for a key of one string value; a hit is remembered under the string.</summary>
    internal bool TryGetLocal<T>(ReadOnlySpan<char> key, CacheMethod method, string? value, [NotNullWhen(true)] out CacheEntry<T>? entry)
    {
        if (!TryGetLocal(key, method, out entry))
        {
            return false;
        }

        if (value is not null && FastHitStore is not null)
        {
            _counters.For(method).TextMemoToWrite().Remember(value, entry);
        }

        return true;
    }

    // Serves a remembered entry while the store still holds it; one it dropped or that expired is let go, so the memo
    // does not keep its value alive.
    private static bool Serve<T>(InProcessCacheStore store, Internals.Diagnostics.MethodCounters counters, ValueMemo memo, CacheEntry remembered, long first, long second, [NotNullWhen(true)] out CacheEntry<T>? entry)
    {
        if (store.TryServe(remembered, out entry))
        {
            counters.RecordHit();
            return true;
        }

        memo.Forget(first, second, remembered);
        return false;
    }

    /// <summary>This cache's per-method state (counters and memos) for <paramref name="method"/>: what tests look into.</summary>
    internal Internals.Diagnostics.MethodCounters CountersFor(CacheMethod method) => _counters.For(method);
}
