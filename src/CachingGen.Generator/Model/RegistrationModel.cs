namespace CachingGen.Generator.Model;

/// <summary>What the module initializer needs to announce one annotated class to <c>AddCachingGen</c>.</summary>
/// <param name="Repository">The class.</param>
/// <param name="Decorator">Its decorator, or null when it implements no interface (only interceptors cache its calls).</param>
/// <param name="MethodsOwner">The generated class holding its method descriptors (the decorator, or the descriptor holder).</param>
/// <param name="Interfaces">The interfaces the decorator implements.</param>
internal sealed record RegistrationModel(string Repository, string? Decorator, string MethodsOwner, EquatableArray<string> Interfaces);
