namespace CachingGen.Stress;

/// <summary>A span during which Redis was down or paused (Stopwatch ticks), as the orchestrator caused it.</summary>
public sealed record FaultWindow(string Label, long StartTicks, long EndTicks)
{
    public bool Overlaps(long startTicks, long endTicks) => startTicks <= EndTicks && endTicks >= StartTicks;

    public bool Contains(long ticks) => ticks >= StartTicks && ticks <= EndTicks;
}
