namespace CachingGen.Generator.Model;

/// <summary>
/// A member of an interface the decorator implements, as an explicit implementation. Members implemented
/// by a valid annotated method get cache logic; the rest are forwarded to the real repository.
/// </summary>
/// <param name="Kind">Method, property, indexer or event.</param>
/// <param name="Interface">Fully qualified interface that declares it.</param>
/// <param name="Name">Member name (without the interface).</param>
/// <param name="Type">Return/property/event type, fully qualified.</param>
/// <param name="ReturnRefKind">"", "ref " or "ref readonly ".</param>
/// <param name="TypeParameters">Method type parameter names.</param>
/// <param name="Parameters">Parameters (methods and indexers).</param>
/// <param name="HasGetter">Property/indexer has a getter.</param>
/// <param name="HasSetter">Property/indexer has a setter.</param>
/// <param name="ImplementedById">Id of the class method implementing it when that method is annotated, else null.</param>
internal sealed record InterfaceMemberModel(
    MemberKind Kind,
    string Interface,
    string Name,
    string Type,
    string ReturnRefKind,
    EquatableArray<string> TypeParameters,
    EquatableArray<ParameterModel> Parameters,
    bool HasGetter,
    bool HasSetter,
    string? ImplementedById);
