namespace CachingGen.Generator.Model;

/// <summary>What the module initializer needs to announce one decorator to <c>AddCachingGen</c>.</summary>
internal sealed record RegistrationModel(string Repository, string Decorator, EquatableArray<string> Interfaces);
