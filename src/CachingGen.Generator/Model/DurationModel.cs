namespace CachingGen.Generator.Model;

/// <summary>A duration of a <c>[Cached]</c> policy, parsed at compile time.</summary>
/// <param name="Ticks">The parsed value.</param>
/// <param name="Text">As written, or the default it stands for (kept for the generated comment).</param>
internal sealed record DurationModel(long Ticks, string Text);
