using System;

namespace CachingGen.Generator.Pipelines;

/// <summary>
/// Test hooks of the interceptor pipeline: callbacks a test hands to its own generator instance
/// (<see cref="CachingGenGenerator(InterceptorHooks)"/>), so that tests running in parallel never see each other's.
/// A hook that throws makes that point fail as a bug would (CG0017); one that counts shows what the pipeline redid.
/// </summary>
internal sealed class InterceptorHooks
{
    public static readonly InterceptorHooks None = new();

    /// <summary>Called with the name of the method a call targets each time a call is parsed (a reused scan parses none).</summary>
    public Action<string>? CallParsed { get; init; }

    /// <summary>Called with the generated class's name before the file of a called class is emitted.</summary>
    public Action<string>? EmittingClass { get; init; }
}
