using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CachingGen.Generator.Hashing;
using CachingGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CachingGen.Generator.Parsing;

/// <summary>
/// A file's scan after a declaration change that touched only the declarations of some annotated names in some types
/// (a parameter added to one repository's method): the calls that can bind to them are parsed again, and every other
/// call of the file is kept as it was. In a file that calls ten repositories, the one edited costs its calls, not the
/// file's.
/// </summary>
internal sealed partial class CallSiteScanner
{
    /// <summary>
    /// The file's calls under the new declarations and, per name, the types they bind in; null when the change is wider
    /// than the names its calls count by type (a name the file counts by name alone changed): then the whole file is
    /// scanned. A kept call depends on nothing that changed: its receiver's type comes from names whose hashes are
    /// unchanged (every name the file spells is checked), and its target from the declarations of its name in its
    /// receiver's types and in static types, unchanged too. That holds for a call the declarations answered; a call whose
    /// body was bound depends on whatever the body spells (a local's type, an argument's overload), and a call in a
    /// lambda on how the call taking the lambda binds (an expression tree or not): those are always parsed again. A call
    /// parsed again may now count by name alone (binding decides it, or it failed): its name's entry says so, as a whole
    /// scan would.
    /// </summary>
    private (CallRecord[] Calls, Dictionary<string, HashSet<string>?> Receivers)? Rescan(
        Compilation compilation, SyntaxTree tree, FileResult latest, List<string> changed, CancellationToken cancellationToken)
    {
        // Which check each changed key is: a name's extension declarations, or its declarations in one of its types. A key
        // that is neither (a name counted by name alone) means a whole scan.
        var changedKeys = new HashSet<string>(changed, StringComparer.Ordinal);
        var byExtension = new HashSet<string>(StringComparer.Ordinal);
        var byType = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var recognised = 0;
        foreach (var entry in latest.Receivers)
        {
            if (entry.Value is not { } types)
            {
                continue;
            }

            var name = entry.Key;

            if (changedKeys.Contains(FileBindings.ExtensionKey(name)))
            {
                byExtension.Add(name);
                recognised++;
            }

            foreach (var container in types.Where(container => changedKeys.Contains(FileBindings.TypedKey(container, name))))
            {
                (byType.TryGetValue(name, out var moved) ? moved : byType[name] = new HashSet<string>(StringComparer.Ordinal)).Add(container);
                recognised++;
            }
        }

        if (recognised != changedKeys.Count)
        {
            return null;
        }

        var root = tree.GetRoot(cancellationToken);
        SemanticModel? model = null;
        CallTargetResolver? resolver = null;
        var calls = new CallRecord[latest.Calls.Length];
        for (var i = 0; i < calls.Length; i++)
        {
            var call = latest.Calls[i];
            if (!call.DependsOnBody
                && (call.Containers is not { } containers
                    || (!byExtension.Contains(call.Name) && !(byType.TryGetValue(call.Name, out var moved) && containers.Overlaps(moved)))))
            {
                // A call counted by name alone was checked by its name, unchanged here; the others did not change.
                calls[i] = call;
                continue;
            }

            if (root.FindNode(call.Span, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation)
            {
                return null;
            }

            model ??= compilation.GetSemanticModel(tree);
            resolver ??= new CallTargetResolver(model, cancellationToken);
            calls[i] = ParseOne(invocation, model, resolver, cancellationToken);
        }

        // Each name counted by type whose calls were parsed again: the union of its calls' types, or by name alone if one
        // has none. A name counted by name alone stays so (a use that is not a call, such as a method group, made it so).
        var receivers = latest.Receivers.ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
        var parsedAgain = calls.Where((call, i) => !ReferenceEquals(call, latest.Calls[i])).Select(call => call.Name);
        foreach (var name in parsedAgain.Where(name => latest.Receivers.TryGetValue(name, out var types) && types is not null).Distinct(StringComparer.Ordinal))
        {
            var ofName = calls.Where(call => call.Name == name).ToList();
            receivers[name] = ofName.Any(call => call.Failure is not null || call.Containers is null)
                ? null
                : new HashSet<string>(ofName.SelectMany(call => call.Containers!), StringComparer.Ordinal);
        }

        return (calls, receivers);
    }

    /// <summary>
    /// One scanned call: where it is, the name it calls, the types its receiver binds it in (null: not known), whether its
    /// answer depends on more than its name's declarations (its body was bound, it is in a lambda, or it failed), and
    /// what the scan made of it (an interceptable call, nothing, or a failure).
    /// </summary>
    private sealed record CallRecord(TextSpan Span, string Name, HashSet<string>? Containers, bool DependsOnBody, CallSiteModel? Model, GeneratorFailure? Failure);
}
