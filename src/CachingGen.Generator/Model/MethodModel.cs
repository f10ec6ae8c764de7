namespace CachingGen.Generator.Model;

/// <summary>A valid annotated repository method.</summary>
/// <param name="Id">Stable identity (documentation id) used to match it with interface members.</param>
/// <param name="Name">Method name.</param>
/// <param name="DisplayName">Namespace.Class.Method, for statistics and metrics.</param>
/// <param name="Order">Position among the class's members, for a stable output order.</param>
/// <param name="ReturnKind">Shape of the return type.</param>
/// <param name="Cached">The <c>[Cached]</c> policy, or null.</param>
/// <param name="Invalidates">The <c>[Invalidates]</c> templates (ignored when <paramref name="Cached"/> is set).</param>
internal sealed record MethodModel(
    string Id,
    string Name,
    string DisplayName,
    int Order,
    ReturnKind ReturnKind,
    CachedModel? Cached,
    EquatableArray<KeyTemplateModel> Invalidates);
