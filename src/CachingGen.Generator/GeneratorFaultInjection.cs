using System;

namespace CachingGen.Generator;

/// <summary>
/// A test hook that makes the generator fail on purpose, to prove a failure is reported (CG0017) rather than lost.
/// Internal, so only the test assembly (InternalsVisibleTo) can set it; unset, it costs one null check. The decorator's
/// pipeline only: the interceptor pipeline's hooks are instance callbacks (<see cref="Pipelines.InterceptorHooks"/>).
/// </summary>
internal static class GeneratorFaultInjection
{
    /// <summary>Given a method's name, whether the transform should throw while processing it.</summary>
    internal static Func<string, bool>? FailTransform;

    /// <summary>Given a repository's base name, whether emitting its file should throw.</summary>
    internal static Func<string, bool>? FailEmit;

    public static void OnTransform(string methodName)
    {
        if (FailTransform is { } fail && fail(methodName))
        {
            throw new InvalidOperationException($"Injected transform failure for '{methodName}'.");
        }
    }

    public static void OnEmit(string baseName)
    {
        if (FailEmit is { } fail && fail(baseName))
        {
            throw new InvalidOperationException($"Injected emit failure for '{baseName}'.");
        }
    }
}
