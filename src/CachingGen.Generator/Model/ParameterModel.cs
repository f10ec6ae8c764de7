namespace CachingGen.Generator.Model;

/// <summary>A parameter of an interface member as the decorator declares and forwards it.</summary>
/// <param name="Name">The name, escaped with <c>@</c> when it is a keyword.</param>
/// <param name="Type">Fully qualified type with nullable annotations.</param>
/// <param name="RefKind">"", "ref ", "out ", "in " or "ref readonly ".</param>
/// <param name="IsCancellationToken">Whether it is a <c>CancellationToken</c> (never part of a key).</param>
internal sealed record ParameterModel(string Name, string Type, string RefKind, bool IsCancellationToken);
