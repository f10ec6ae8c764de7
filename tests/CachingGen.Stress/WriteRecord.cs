namespace CachingGen.Stress;

/// <summary>One write: the version the database returned for row <see cref="Id"/>; times are Stopwatch ticks.</summary>
public readonly record struct WriteRecord(int Id, long Version, long StartTicks, long ReturnedTicks);
