namespace CachingGen.Generator.Model;

/// <summary>A method called on its class, and the calls of it that its body intercepts.</summary>
/// <param name="Target">The method.</param>
/// <param name="Calls">Its calls, by calling file (ordinal path) and then in source order.</param>
internal sealed record CalledMethodModel(InterceptedMethodModel Target, EquatableArray<InterceptLocationModel> Calls);
