using CachingGen.Infrastructure;
using CachingGen.Internals.Diagnostics;
using CachingGen.Internals.Loading;
using CachingGen.Storage;

namespace CachingGen;

/// <summary>Refresh-ahead: a hit on an entry near its end starts one background reload.</summary>
public sealed partial class CachingGenCache
{
    /// <summary>
    /// A hit on an entry due for refresh: starts the one background reload the entry allows, unless a load of the key is
    /// already running. The reload runs apart from the caller's context (no ambient transaction, no caller's token).
    /// </summary>
    internal void RefreshAhead<T>(string key, CacheMethod method, CacheEntry<T> entry, Func<CancellationToken, ValueTask<T>> load)
    {
        if (InTransaction || !entry.TryClaimRefresh())
        {
            return;
        }

        var flight = new Flight<T>();
        if (!_flights.TryAdd(key, flight))
        {
            // A load of the key is running: it stores a fresh value.
            return;
        }

        var counters = _counters.For(method);
        counters.RecordRefresh();
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(() => RefreshAsync(key, counters, load, flight));
        }
    }

    private async Task RefreshAsync<T>(string key, MethodCounters counters, Func<CancellationToken, ValueTask<T>> load, Flight<T> flight)
    {
        try
        {
            string? version = null;
            if (_distributed is not null)
            {
                var entry = await _distributed.ReadAsync<T>(key, counters).ConfigureAwait(false);
                var policy = counters.Method.Policy!;
                if (entry.Found && entry.RemainingTtl > counters.Method.Ttl * (1 - policy.RefreshAhead))
                {
                    // Another instance refreshed it already: take its value instead of calling the repository again.
                    StoreLocal(key, counters, entry.Value, entry.RemainingTtl, flight);
                    Finish(key, flight);
                    flight.Complete(entry.Value);
                    return;
                }

                version = entry.Version;
            }

            var value = await Load(counters, load, flight.LoadToken).ConfigureAwait(false);
            CompleteWithLoad(key, counters, flight, value, version);
        }
        catch (Exception ex)
        {
            Finish(key, flight);
            flight.Fail(ex);

            // Observed here: misses that joined the reload get the error themselves; nobody else waits for it.
            _ = flight.Task.Exception;
            _faults.RefreshFailed(ex, counters, key);
        }
    }
}
