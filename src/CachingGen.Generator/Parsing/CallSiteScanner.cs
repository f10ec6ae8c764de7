using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using CachingGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Parsing;

/// <summary>
/// Finds every call of an annotated method made on its class, file by file, keeping the work small three ways:
/// <list type="number">
/// <item>Syntax first: only invocations whose name is the name of an annotated method (of this compilation or of a
/// referenced assembly) go further.</item>
/// <item>Declarations, not bodies: <see cref="CallTargetResolver"/> answers most calls from declared types; only the
/// rest asks the semantic model, which binds the enclosing method body.</item>
/// <item>A file is scanned again only when it changed or what the other files declare changed
/// (<see cref="DeclarationFingerprint"/>): an edit inside a method body rescans that file alone.</item>
/// </list>
/// Roslyn's own per-node syntax provider re-runs every semantic transform on every edit, which made finding 10,000
/// calls cost several times the rest of the generator.
/// </summary>
internal static class CallSiteScanner
{
    private static readonly ConditionalWeakTable<SyntaxTree, TreeScan> s_scans = new();
    private static readonly ConditionalWeakTable<IAssemblySymbol, string[]> s_referencedNames = new();

    public static EquatableArray<CallSiteResult> Scan(Compilation compilation, EquatableArray<string> sourceNames, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(sourceNames, StringComparer.Ordinal);
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            names.UnionWith(ReferencedNames(assembly, cancellationToken));
        }

        if (names.Count == 0)
        {
            return EquatableArray<CallSiteResult>.Empty;
        }

        var fingerprint = Fingerprint(compilation, names, cancellationToken);
        var scans = new List<CallSiteResult[]>();
        var total = 0;
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!InterceptionRules.NamespaceEnabled(tree.Options))
            {
                continue;
            }

            var scan = s_scans.GetValue(tree, static _ => new TreeScan());
            var cached = scan.Latest;
            if (cached is null || cached.Fingerprint != fingerprint)
            {
                cached = new TreeResult(fingerprint, ScanTree(compilation, tree, names, cancellationToken));
                scan.Latest = cached;
            }

            scans.Add(cached.Calls);
            total += cached.Calls.Length;
        }

        var results = ImmutableArray.CreateBuilder<CallSiteResult>(total);
        foreach (var calls in scans)
        {
            results.AddRange(calls);
        }

        return new EquatableArray<CallSiteResult>(results.MoveToImmutable());
    }

    private static CallSiteResult[] ScanTree(Compilation compilation, SyntaxTree tree, HashSet<string> names, CancellationToken cancellationToken)
    {
        SemanticModel? model = null;
        CallTargetResolver? resolver = null;
        var results = new List<CallSiteResult>();
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
        {
            if (node is not InvocationExpressionSyntax invocation || !InterceptionRules.IsNamedInvocation(invocation) || !names.Contains(CalleeName(invocation)))
            {
                continue;
            }

            model ??= compilation.GetSemanticModel(tree);
            resolver ??= new CallTargetResolver(model, cancellationToken);
            if (CallSiteParser.Parse(invocation, model, resolver, cancellationToken) is { } result)
            {
                results.Add(result);
            }
        }

        return results.ToArray();
    }

    private static string CalleeName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        SimpleNameSyntax name => name.Identifier.ValueText,
        _ => string.Empty,
    };

    /// <summary>What every file's scan depends on besides its own text: the other files' declarations, the references, the names.</summary>
    private static ulong Fingerprint(Compilation compilation, HashSet<string> names, CancellationToken cancellationToken)
    {
        var hash = StableHash.Start64;
        foreach (var tree in compilation.SyntaxTrees)
        {
            hash = StableHash.Mix(hash, DeclarationFingerprint.Of(tree, cancellationToken));
        }

        // The options that change signatures or access (nullable context, the assembly's name for InternalsVisibleTo).
        hash = StableHash.Mix(StableHash.Mix(hash, (ulong)compilation.Options.NullableContextOptions), compilation.AssemblyName ?? string.Empty);

        // A reference object is replaced when what it points at changes (a rebuilt project): identity is enough.
        foreach (var reference in compilation.References)
        {
            hash = StableHash.Mix(hash, (ulong)RuntimeHelpers.GetHashCode(reference));
        }

        foreach (var name in names.OrderBy(n => n, StringComparer.Ordinal))
        {
            hash = StableHash.Mix(StableHash.Mix(hash, name), ';');
        }

        return hash;
    }

    /// <summary>
    /// The names of the annotated methods of a referenced assembly, read once per assembly (a metadata assembly is
    /// shared by the compilations that reference it). Only assemblies that reference CachingGen can have any.
    /// </summary>
    private static string[] ReferencedNames(IAssemblySymbol assembly, CancellationToken cancellationToken)
        => s_referencedNames.GetValue(assembly, a => a.Modules.Any(m => m.ReferencedAssemblies.Any(r => r.Name == "CachingGen"))
            ? CollectNames(a.GlobalNamespace, cancellationToken).Distinct(StringComparer.Ordinal).ToArray()
            : []);

    private static IEnumerable<string> CollectNames(INamespaceOrTypeSymbol container, CancellationToken cancellationToken)
    {
        foreach (var member in container.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is INamespaceOrTypeSymbol nested)
            {
                foreach (var name in CollectNames(nested, cancellationToken))
                {
                    yield return name;
                }
            }
            else if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method && container is INamedTypeSymbol { TypeKind: TypeKind.Class } && AttributeNames.IsAnnotated(method))
            {
                yield return method.Name;
            }
        }
    }

    private sealed class TreeScan
    {
        private volatile TreeResult? _latest;

        public TreeResult? Latest
        {
            get => _latest;
            set => _latest = value;
        }
    }

    private sealed class TreeResult(ulong fingerprint, CallSiteResult[] calls)
    {
        public ulong Fingerprint { get; } = fingerprint;

        public CallSiteResult[] Calls { get; } = calls;
    }
}
