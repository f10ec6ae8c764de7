using System;

namespace CachingGen.Generator.Pipelines;

/// <summary>
/// Test hooks of the pipelines: callbacks a test hands to its own generator instance
/// (<see cref="CachingGenGenerator(GeneratorHooks)"/>), so that tests running in parallel never see each other's and the
/// generator holds no mutable static state. A hook that throws makes that point fail as a bug would (CG0017, proving a
/// failure is reported rather than lost); one that counts shows what a pipeline redid. Unset, each costs a null check.
/// </summary>
internal sealed class GeneratorHooks
{
    public static readonly GeneratorHooks None = new();

    /// <summary>Decorators: called with a method's name while its attribute is transformed into a model.</summary>
    public Action<string>? TransformingMethod { get; init; }

    /// <summary>Decorators: called with a repository's base name before its file is emitted.</summary>
    public Action<string>? EmittingRepository { get; init; }

    /// <summary>Manifest: called with a class's name each time it is read (a kept class is not).</summary>
    public Action<string>? ReadingManifestClass { get; init; }

    /// <summary>Interceptors: called with the name of the method a call targets each time a call is parsed (a reused scan parses none).</summary>
    public Action<string>? CallParsed { get; init; }

    /// <summary>Interceptors: called with the generated class's name before the file of a called class is emitted.</summary>
    public Action<string>? EmittingClass { get; init; }
}
