using CachingGen.Generator.Hashing;

namespace CachingGen.Generator.Model;

/// <summary>The <c>[Cached]</c> policy of a method, validated and compiled.</summary>
/// <param name="TtlText">TTL as written (kept for the generated comment).</param>
/// <param name="TtlTicks">TTL parsed at compile time.</param>
/// <param name="Key">The bound key template.</param>
/// <param name="CacheNulls">Whether null results are stored.</param>
/// <param name="SpeculativeLoad">Whether a miss starts the repository call alongside the distributed look-up.</param>
/// <param name="ResultType">The <c>T</c> of <c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c>, or the sync return type.</param>
/// <param name="ResultShape">The hash of the result type's serialized shape (<see cref="Parsing.ResultShapeHash"/>).</param>
/// <param name="Policy">Fail-safe, timeouts, refresh-ahead and the other policies; null when the attribute states none.</param>
internal sealed record CachedModel(string TtlText, long TtlTicks, KeyTemplateModel Key, bool CacheNulls, string ResultType, bool SpeculativeLoad = false, uint ResultShape = 0, PolicyModel? Policy = null);
