using System;
using System.Threading;

namespace Balances.Commands;

/// <summary>
/// A clock that runs <see cref="Speed"/> times faster than the system's from the moment it is created, timers included:
/// the outage demo gives it to the cache so that TTLs of minutes (and fail-safe back-offs of seconds) play out within
/// a run of seconds. Only the cache reads it; the database, Kestrel and wrk keep real time.
/// </summary>
public sealed class FastClock(double speed) : TimeProvider
{
    private readonly long _startTimestamp = TimeProvider.System.GetTimestamp();
    private readonly DateTimeOffset _startTime = TimeProvider.System.GetUtcNow();

    public double Speed { get; } = speed;

    public override DateTimeOffset GetUtcNow() => _startTime + (TimeProvider.System.GetUtcNow() - _startTime) * Speed;

    public override long GetTimestamp() => _startTimestamp + (long)((TimeProvider.System.GetTimestamp() - _startTimestamp) * Speed);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        => TimeProvider.System.CreateTimer(callback, state, Scale(dueTime), Scale(period));

    private TimeSpan Scale(TimeSpan span) => span == Timeout.InfiniteTimeSpan ? span : span / Speed;
}
