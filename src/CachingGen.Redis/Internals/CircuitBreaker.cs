namespace CachingGen.Redis.Internals;

/// <summary>
/// Stops calling Redis for a cool-down after repeated failures, so a dead server costs nothing per call, then
/// lets one probe through; its success closes the circuit again.
/// </summary>
internal sealed class CircuitBreaker(int failureThreshold, TimeSpan coolDown, TimeProvider time)
{
    private int _consecutiveFailures;
    private long _openUntilTicks;

    public bool IsOpen => Volatile.Read(ref _openUntilTicks) > time.GetTimestamp();

    /// <summary>Whether a call may go to Redis now. After the cool-down, one caller gets through as the probe.</summary>
    public bool TryEnter()
    {
        var openUntil = Volatile.Read(ref _openUntilTicks);
        if (openUntil == 0)
        {
            return true;
        }

        var now = time.GetTimestamp();
        if (now < openUntil)
        {
            return false;
        }

        // Half-open: the first caller past the cool-down probes; the others wait for another cool-down.
        return Interlocked.CompareExchange(ref _openUntilTicks, now + CoolDownTicks, openUntil) == openUntil;
    }

    /// <summary>Returns whether this success closed an open circuit.</summary>
    public bool OnSuccess()
    {
        Volatile.Write(ref _consecutiveFailures, 0);
        return Interlocked.Exchange(ref _openUntilTicks, 0) != 0;
    }

    /// <summary>Returns whether this failure opened the circuit.</summary>
    public bool OnFailure()
    {
        if (Interlocked.Increment(ref _consecutiveFailures) < failureThreshold)
        {
            return false;
        }

        var openUntil = time.GetTimestamp() + CoolDownTicks;
        return Interlocked.Exchange(ref _openUntilTicks, openUntil) == 0;
    }

    private long CoolDownTicks => (long)(coolDown.TotalSeconds * time.TimestampFrequency);
}
