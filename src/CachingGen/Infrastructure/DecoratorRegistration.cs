using System.ComponentModel;

namespace CachingGen.Infrastructure;

/// <summary>
/// How to put one generated decorator in front of one repository class, and the descriptors of its methods.
/// Emitted by the generator into the assembly that holds the repository.
/// </summary>
/// <param name="ImplementationType">The annotated repository class.</param>
/// <param name="ServiceTypes">The interfaces the decorator implements; a registration of one of them is decorated.</param>
/// <param name="Create">Builds the decorator around the real repository instance; null for a class without
/// interfaces, whose calls only interceptors cache (a registration of it is then tied to the container's cache).</param>
/// <param name="Methods">The decorator's method descriptors (their prefix shapes index distributed keys).</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record DecoratorRegistration(
    Type ImplementationType,
    Type[] ServiceTypes,
    Func<object, CachingGenCache, object>? Create,
    CacheMethod[] Methods);
