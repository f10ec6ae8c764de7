namespace CachingGen.Internals.Loading;

/// <summary>
/// One load in progress for one key, shared by every caller that misses while it runs (stampede protection).
/// An invalidation of the key while it runs marks it stale, and its result is then returned but not stored.
/// </summary>
internal abstract class Flight
{
    private volatile bool _stale;

    public bool IsStale => _stale;

    public void MarkStale() => _stale = true;
}

/// <summary>A <see cref="Flight"/> producing a <typeparamref name="T"/>.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The token source is disposed when the flight completes or fails, which always happens.")]
internal sealed class Flight<T> : Flight
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _abandoned = new();
    private int _waiters;
    private int _cancelledWaiters;

    /// <summary>Cancelled only when every caller waiting for this load has cancelled: the shared work stops when nobody wants it.</summary>
    public CancellationToken LoadToken => _abandoned.Token;

    public Task<T> Task => _completion.Task;

    /// <summary>Why the load failed, when its callers were answered with the fail-safe copy instead (<see cref="CompleteStale"/>).</summary>
    public Exception? StaleBecause { get; private set; }

    /// <summary>The load failed, and a fail-safe copy answers its callers: each counts and reports it as stale.</summary>
    public void CompleteStale(T value, Exception failure)
    {
        StaleBecause = failure;
        Complete(value);
    }

    public void Complete(T value)
    {
        _completion.TrySetResult(value);
        _abandoned.Dispose();
    }

    public void Fail(Exception exception)
    {
        _completion.TrySetException(exception);
        _abandoned.Dispose();
    }

    /// <summary>Counts a caller that takes the result another way and never cancels (the load is not abandoned while it waits).</summary>
    public void JoinWithoutCancellation() => Interlocked.Increment(ref _waiters);

    /// <summary>Waits for the shared result; this caller's cancellation ends only its own wait.</summary>
    public async ValueTask<T> WaitAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiters);
        if (!cancellationToken.CanBeCanceled)
        {
            return await Task.ConfigureAwait(false);
        }

        try
        {
            return await Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (Interlocked.Increment(ref _cancelledWaiters) == Volatile.Read(ref _waiters))
            {
                try
                {
                    _abandoned.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // The load finished meanwhile; nothing to stop.
                }
            }

            throw;
        }
    }
}

/// <summary>Marks a synchronous load in progress, so an invalidation meanwhile keeps its result out of the cache.</summary>
internal sealed class SyncFlight : Flight
{
}
