namespace CachingGen.Tests.Policies;

/// <summary>A load held at a gate until the test releases or fails it, counting the calls that reached it: for what happens while a load is in flight.</summary>
internal sealed class GatedLoad<T>
{
    private readonly TaskCompletionSource<T> _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    /// <summary>How many calls reached the load.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The load: counted, then waiting at the gate.</summary>
    public ValueTask<T> Load(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return new ValueTask<T>(_gate.Task);
    }

    public void Release(T value) => _gate.SetResult(value);

    public void Fail(Exception exception) => _gate.SetException(exception);
}
