using System;
using System.Collections.Generic;
using System.Linq;
using CachingGen.Generator.Hashing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Parsing;

/// <summary>
/// What one file's scanned calls depend on, by receiver (<see cref="CallSiteScanner"/>): per annotated name the file
/// spells, the types whose declarations of that name its calls can bind to (each receiver's type, bases and interfaces,
/// as <see cref="FileBindings.TypedKey"/> containers), or null when some use of the name is not a call whose receiver's
/// type the declarations say (a method group, <c>nameof</c>, <c>M(…)</c>, a local's call). Repositories share method
/// names, so a parameter added to one repository's <c>FindByIdAsync</c> re-binds the files that call it on that
/// repository, not every file that calls a <c>FindByIdAsync</c>.
/// </summary>
internal sealed class CallReceivers
{
    private readonly Dictionary<string, HashSet<string>?> _containers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _uses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _typedCalls = new(StringComparer.Ordinal);

    /// <summary>Per name, the containers its calls bind in (null: it counts by name). Complete after <see cref="Finish"/>.</summary>
    public IReadOnlyDictionary<string, HashSet<string>?> Containers => _containers;

    /// <summary>One use of an annotated name anywhere in the file.</summary>
    public void Used(string name) => _uses[name] = _uses.TryGetValue(name, out var count) ? count + 1 : 1;

    /// <summary>A call of <paramref name="name"/> whose receiver's type binds it in <paramref name="receiver"/> (<see cref="ContainersOf"/>; null: not known).</summary>
    public void Called(string name, HashSet<string>? receiver)
    {
        if (receiver is null)
        {
            _containers[name] = null;
            return;
        }

        if (!_containers.TryGetValue(name, out var containers))
        {
            _containers[name] = containers = new HashSet<string>(StringComparer.Ordinal);
        }

        if (containers is null)
        {
            return;
        }

        _typedCalls[name] = _typedCalls.TryGetValue(name, out var count) ? count + 1 : 1;
        containers.UnionWith(receiver);
    }

    /// <summary>
    /// The containers a call on a receiver of <paramref name="receiver"/>'s type can bind in: the type, its bases and its
    /// interfaces; null when the type is not known (or not a class, struct or interface).
    /// </summary>
    public static HashSet<string>? ContainersOf(INamedTypeSymbol? receiver)
    {
        if (receiver is not { TypeKind: TypeKind.Class or TypeKind.Struct or TypeKind.Interface })
        {
            return null;
        }

        var containers = new HashSet<string>(StringComparer.Ordinal);
        for (var current = receiver; current is not null; current = current.BaseType)
        {
            containers.Add(FileBindings.ContainerOf(current));
        }

        foreach (var contract in receiver.AllInterfaces)
        {
            containers.Add(FileBindings.ContainerOf(contract));
        }

        return containers;
    }

    /// <summary>A call of <paramref name="name"/> whose scan failed: the name counts by name.</summary>
    public void Failed(string name) => _containers[name] = null;

    /// <summary>A name also used elsewhere than as the callee of such a call counts by name alone.</summary>
    public void Finish()
    {
        foreach (var use in _uses)
        {
            if (!_typedCalls.TryGetValue(use.Key, out var typed) || typed != use.Value)
            {
                _containers[use.Key] = null;
            }
        }
    }

    /// <summary>
    /// <see cref="CompilationBindings.SameFor"/>'s keys for a file that spells <paramref name="names"/>: each name, but
    /// a name with containers through the declarations of that name in them and in static types.
    /// </summary>
    public static List<string> Checks(IEnumerable<string> names, IReadOnlyDictionary<string, HashSet<string>?> containers)
    {
        var checks = new List<string>();
        foreach (var name in names)
        {
            if (containers.TryGetValue(name, out var types) && types is not null)
            {
                checks.Add(FileBindings.ExtensionKey(name));
                checks.AddRange(types.Select(c => FileBindings.TypedKey(c, name)));
            }
            else
            {
                checks.Add(name);
            }
        }

        return checks;
    }

    /// <summary>The name a call is made by (<c>x.M(…)</c>, <c>x?.M(…)</c>, <c>M(…)</c>).</summary>
    public static string CalleeName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        SimpleNameSyntax name => name.Identifier.ValueText,
        _ => string.Empty,
    };
}
