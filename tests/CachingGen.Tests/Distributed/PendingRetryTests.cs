using System.Collections.Generic;
using CachingGen.Internals.Diagnostics;
using CachingGen.Internals.Distributed;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CachingGen.Tests.Distributed;

/// <summary>
/// Pending invalidations are retried every <see cref="PendingInvalidations.RetryInterval"/> while the level says it is
/// back, with no call needed: reads served from the in-process level never reach the level to trigger a replay
/// (a Redis health check stayed degraded with 8 pending for as long as it was watched).
/// </summary>
public sealed class PendingRetryTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Pending_invalidations_are_replayed_within_one_interval_once_the_level_answers_and_not_before()
    {
        var replayed = new List<string>();
        var answers = false;
        var pending = new PendingInvalidations(
            (key, _) => { lock (replayed) { replayed.Add(key); } return Task.CompletedTask; },
            new FaultReporter(NullLogger.Instance, _time),
            () => answers,
            _time);
        pending.Remember("balance:1", isPrefix: false);
        pending.Remember("balance:user:", isPrefix: true);

        // The level is still down: the timer ticks, nothing is attempted.
        _time.Advance(PendingInvalidations.RetryInterval * 3);
        Assert.Empty(replayed);
        Assert.Equal(2, pending.Count);

        // Back: within one interval both are replayed, and nothing is left.
        answers = true;
        _time.Advance(PendingInvalidations.RetryInterval);
        await WaitUntil(() => pending.IsEmpty);
        Assert.Equal(["balance:1", "balance:user:"], replayed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Without_a_level_that_can_tell_nothing_is_retried_on_a_timer()
    {
        var calls = 0;
        var pending = new PendingInvalidations((_, _) => { Interlocked.Increment(ref calls); return Task.CompletedTask; }, new FaultReporter(NullLogger.Instance, _time), levelAnswers: null, _time);
        pending.Remember("balance:1", isPrefix: false);

        _time.Advance(PendingInvalidations.RetryInterval * 5);

        Assert.Equal(0, calls);
        Assert.Equal(1, pending.Count);
    }

    // The replay runs on the thread pool once the timer fires: bounded wait for its completion.
    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = Environment.TickCount64 + 5_000;
        while (!condition())
        {
            Assert.True(Environment.TickCount64 < deadline, "the replay did not finish");
            await Task.Delay(10);
        }
    }
}
