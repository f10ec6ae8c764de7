using System;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Reflection;

namespace CachingGen.AspNetCore.Internals;

/// <summary>
/// The type of the value a placeholder stands for (<c>&lt;id&gt;</c> → the parameter <c>id</c>, <c>&lt;order.Id&gt;</c>
/// → its property), read by reflection from the annotated method the cache map names. The descriptors the generator
/// compiles carry templates, not types, and an operator's value must be checked against the type that produces the
/// keys: "01" is never a key of an <c>int</c>.
/// </summary>
internal static class PlaceholderTypes
{
    private static readonly ConcurrentDictionary<(string Method, string Path), Type?> s_resolved = new();

    /// <summary>The type, or null when the method or member cannot be found (then the value is taken as text).</summary>
    public static Type? Resolve(string method, string path)
        => s_resolved.GetOrAdd((method, path), static key => Find(key.Method, key.Path));

    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Best effort: in a trimmed app whose repository members were removed the type is not found, and the value is taken as text (escaped, bounded), as before types were checked.")]
    private static Type? Find(string method, string path)
    {
        var dot = method.LastIndexOf('.');
        if (dot <= 0)
        {
            return null;
        }

        var declaring = FindType(method[..dot]);
        var segments = path.Split('.');
        var candidates = declaring?
            .GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => m.Name == method[(dot + 1)..])
            .Select(m => m.GetParameters().FirstOrDefault(p => p.Name == segments[0])?.ParameterType)
            .Where(t => t is not null)
            .Distinct()
            .ToList();

        // Overloads that disagree on the type give no answer rather than a guess.
        if (candidates is not [{ } type])
        {
            return null;
        }

        foreach (var member in segments.Skip(1))
        {
            type = Unwrap(type);
            var next = type.GetProperty(member, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)?.PropertyType
                ?? type.GetField(member, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)?.FieldType;
            if (next is null)
            {
                return null;
            }

            type = next;
        }

        return type;
    }

    /// <summary><c>Ns.Outer.Inner</c> as reflection names it, which may be <c>Ns.Outer+Inner</c>.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Best effort: in a trimmed app whose repository members were removed the type is not found, and the value is taken as text (escaped, bounded), as before types were checked.")]
    private static Type? FindType(string name)
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.IsDynamic)
            {
                continue;
            }

            var candidate = name;
            while (true)
            {
                var type = assembly.GetType(candidate, throwOnError: false);
                if (type is not null)
                {
                    return type;
                }

                var last = candidate.LastIndexOf('.');
                if (last < 0)
                {
                    break;
                }

                candidate = candidate[..last] + "+" + candidate[(last + 1)..];
            }
        }

        return null;
    }

    private static Type Unwrap(Type type) => type.IsByRef ? type.GetElementType()! : type;
}
