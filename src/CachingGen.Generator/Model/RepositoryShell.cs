namespace CachingGen.Generator.Model;

/// <summary>What the decorator of one repository class needs besides its annotated methods.</summary>
/// <param name="Namespace">Namespace of the class, or "" for the global namespace.</param>
/// <param name="FullyQualifiedName">The class, <c>global::</c>-qualified.</param>
/// <param name="MetadataName">The class's full metadata-ish name, for hint names and sorting.</param>
/// <param name="BaseName">Name the generated types start with (containing types joined by '_').</param>
/// <param name="IsPublic">Whether the generated types can be public.</param>
/// <param name="Interfaces">Interfaces the decorator implements (those declaring annotated members, with their bases).</param>
/// <param name="Members">Every member of those interfaces.</param>
/// <param name="Location">The class's declaration, where a failure to emit its decorator is reported (CG0017); not part of equality.</param>
internal sealed record RepositoryShell(
    string Namespace,
    string FullyQualifiedName,
    string MetadataName,
    string BaseName,
    bool IsPublic,
    EquatableArray<string> Interfaces,
    EquatableArray<InterfaceMemberModel> Members,
    OutsideEquality<LocationInfo?> Location);
