using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using CachingGen.Diagnostics;
using CachingGen.Infrastructure;
using CachingGen.Internals.Diagnostics;
using CachingGen.Storage;

namespace CachingGen;

/// <summary>The hit path: the in-process look-up the generated code makes before anything else, and its second look once a miss owns the key.</summary>
public sealed partial class CachingGenCache
{
    /// <summary>Probes the in-process store and counts a hit. A store fault is counted, logged and reported as a miss.</summary>
    internal bool TryGetLocal<T>(ReadOnlySpan<char> key, CacheMethod method, [NotNullWhen(true)] out CacheEntry<T>? entry)
    {
        // The usual case, on its own: the built-in store (which does not fault), no transaction ever seen, no hit spans.
        // Its probe is a direct call — through ICacheStore it is a generic interface method, resolved at run time on
        // every hit — and nothing here needs an exception handler.
        if (FastHitStore is { } store)
        {
            if (store.TryGet(key, out entry))
            {
                _counters.For(method).RecordHit();
                return true;
            }

            return false;
        }

        return TryGetLocalGuarded(key, method, out entry);
    }

    /// <summary>
    /// The built-in store when a hit may take the fast path — no transaction ever seen, no hit spans — and null otherwise.
    /// The look-up by key and the hit by value share this one gate.
    /// </summary>
    private InProcessCacheStore? FastHitStore => _transactionsSeen || _traceHits ? null : _hitStore;

    /// <summary><see cref="TryGetLocal{T}(ReadOnlySpan{char}, CacheMethod, out CacheEntry{T}?)"/> with any store, inside a transaction, or with hit spans.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryGetLocalGuarded<T>(ReadOnlySpan<char> key, CacheMethod method, [NotNullWhen(true)] out CacheEntry<T>? entry)
    {
        entry = null;
        if (!_useLocal)
        {
            return false;
        }

        try
        {
            if (_store.TryGet(key, out entry))
            {
                if (HitNeedsTransactionCheck)
                {
                    // The caller's transaction may have replaced this committed value: read through to its own data.
                    entry = null;
                    return false;
                }

                _counters.For(method).RecordHit();
                // The listener check inline: with TraceHits on and nothing sampling, the hit pays a field read, not a call.
                if (_traceHits && CachingGenTracing.Source.HasListeners())
                {
                    TraceHit(method, key);
                }

                return true;
            }

            return false;
        }
        catch (Exception ex)
        {
            _faults.Method(ex, _counters.For(method), "read", key.ToString());
            return false;
        }
    }

    /// <summary>
    /// A second look at the in-process store once this caller owns the key's flight (so no load of it is running).
    /// A store fault is not counted again here: the caller's first look-up already reported the store.
    /// </summary>
    private bool TryGetStored<T>(string key, [MaybeNullWhen(false)] out T value)
    {
        value = default;
        if (!_useLocal)
        {
            return false;
        }

        try
        {
            if (_store.TryGet<T>(key.AsSpan(), out var entry))
            {
                value = entry.Value;
                return true;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Reported by the first look-up's fault path if it persists; here it is only a missed shortcut.
        }

        return false;
    }

    /// <summary>A hit as a span of its own (<see cref="CacheTelemetryOptions.TraceHits"/>): kept out of the hit path's body.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void TraceHit(CacheMethod method, ReadOnlySpan<char> key)
    {
        using var activity = CacheTraces.Start(CachingGenTracing.HitSpan, method, _recordKeys && CacheTraces.Listening ? key.ToString() : null, _recordKeys);
        activity?.SetTag(CachingGenTracing.OutcomeTag, TraceValues.Hit);
        activity?.SetTag(CachingGenTracing.LevelTag, TraceValues.Memory);
    }
}
