namespace CachingGen.Stress;

/// <summary>One read: of row <see cref="Key"/>, or of group <see cref="Key"/>'s sum; times are Stopwatch ticks.</summary>
public readonly record struct ReadRecord(bool IsSum, int Key, long Value, long StartTicks, long EndTicks);
