using System.ComponentModel;

namespace CachingGen.Infrastructure;

/// <summary>
/// The shape of the prefixes a prefix invalidation (<c>[Invalidates("balance:user:&lt;userId&gt;:*")]</c>) builds:
/// <see cref="Head"/> is its literal text before the first placeholder (<c>balance:user:</c>), <see cref="Depth"/> the
/// number of separators in a built prefix (3). Distributed levels index stored keys only under such prefixes.
/// </summary>
/// <param name="Head">Literal text before the first placeholder.</param>
/// <param name="Depth">Separators (<c>:</c>) in a built prefix.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct PrefixShape(string Head, int Depth);
