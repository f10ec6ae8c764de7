using CachingGen.Generator.Sql;

namespace CachingGen.Generator.Coverage;

/// <summary>One method of a repository class, for the cache manifest: its attributes and the tables its SQL touches.</summary>
/// <param name="Method">As <c>Namespace.Class.Method</c>.</param>
/// <param name="Name">The simple name.</param>
/// <param name="CachedKey">The <c>[Cached]</c> key template; null for another method.</param>
/// <param name="Ttl">The <c>[Cached]</c> TTL as written.</param>
/// <param name="ResultType">The cached result type.</param>
/// <param name="Invalidates">The <c>[Invalidates]</c> templates.</param>
/// <param name="Tables">What its SQL (and <c>[ReadsTable]</c>/<c>[WritesTable]</c>) reads and writes; null when it runs no SQL the analysis found.</param>
/// <param name="Names">The values it can name keys with: its parameters and their public members (<c>balance.UserId</c>).</param>
internal sealed record CoverageMethodModel(
    string Method,
    string Name,
    string? CachedKey,
    string? Ttl,
    string? ResultType,
    EquatableArray<string> Invalidates,
    SqlTableSet? Tables,
    EquatableArray<string> Names)
{
    /// <summary>The key's placeholders whose rows its SQL pins to a column (<see cref="KeyBindings"/>); empty for another method.</summary>
    public EquatableArray<KeyBinding> Bindings { get; init; }
}
