using CachingGen.Diagnostics;

namespace CachingGen.Infrastructure;

/// <summary>
/// One <see cref="CacheMethod"/> per method and policy in the process. A method has a descriptor in its decorator and
/// one in each project's interceptors that call it; they must share one set of counters, so the first one created
/// wins and equal copies return it. Two copies that disagree (a project compiled against an older build of the
/// repository's assembly) stay apart and are listed in <see cref="Conflicts"/>, which the start-up check reports.
/// Descriptors are created by static initializers, once per generated class, so a lock costs nothing that matters.
/// </summary>
internal static class CacheMethodTable
{
    private static readonly Lock s_gate = new();
    private static readonly Dictionary<(CacheMethodKind Kind, string Method, string KeyTemplate), CacheMethod> s_byName = [];
    private static readonly List<string> s_conflicts = [];

    public static CacheMethod Intern(CacheMethod candidate)
    {
        lock (s_gate)
        {
            var name = (candidate.Kind, candidate.Method, candidate.KeyTemplate);
            if (s_byName.TryGetValue(name, out var existing))
            {
                if (existing.SamePolicy(candidate))
                {
                    return existing;
                }

                s_conflicts.Add($"{candidate.Method} ({candidate.KeyTemplate}) is compiled with two different policies ({Describe(existing)}; {Describe(candidate)}): rebuild every project that calls it against the same build of its assembly; until then each copy counts and caches on its own.");
            }
            else
            {
                s_byName[name] = candidate;
            }

            candidate.AssignId();
            return candidate;
        }
    }

    /// <summary>Every method described so far in the process (one per name and template), for the cache map.</summary>
    public static List<CacheMethod> All()
    {
        lock (s_gate)
        {
            return [.. s_byName.Values];
        }
    }

    /// <summary>One sentence per method compiled with two policies.</summary>
    public static List<string> Conflicts()
    {
        lock (s_gate)
        {
            return [.. s_conflicts];
        }
    }

    private static string Describe(CacheMethod method)
        => $"TTL {method.Ttl}, nulls {(method.CacheNulls ? "cached" : "not cached")}, shape 0x{method.ResultShape:X8}";
}
