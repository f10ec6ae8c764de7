using System.Collections.Generic;
using System.Threading;

namespace CachingGen.Diagnostics;

/// <summary>
/// Process-wide view of every annotated method's counters. A method appears once its decorator type has
/// been used (its static fields initialised).
/// </summary>
public static class CacheStatistics
{
    private static readonly Lock s_lock = new();
    private static CacheMethod[] s_methods = [];

    /// <summary>Every registered method, in registration order.</summary>
    public static IReadOnlyList<CacheMethod> Methods => Volatile.Read(ref s_methods);

    /// <summary>A copy of every method's counters.</summary>
    public static IReadOnlyList<CacheMethodStatistics> GetSnapshot()
    {
        var methods = Volatile.Read(ref s_methods);
        var result = new CacheMethodStatistics[methods.Length];
        for (var i = 0; i < methods.Length; i++)
        {
            result[i] = methods[i].GetStatistics();
        }

        return result;
    }

    internal static void Register(CacheMethod method)
    {
        CachingGenMetrics.EnsureCreated();
        lock (s_lock)
        {
            // Copy-on-write: registrations are rare, reads (metrics collection) lock-free.
            var current = s_methods;
            var next = new CacheMethod[current.Length + 1];
            current.CopyTo(next, 0);
            next[^1] = method;
            Volatile.Write(ref s_methods, next);
        }
    }
}
