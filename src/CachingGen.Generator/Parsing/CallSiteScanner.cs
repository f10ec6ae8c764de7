using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using CachingGen.Generator.Diagnostics;
using CachingGen.Generator.Hashing;
using CachingGen.Generator.Model;
using CachingGen.Generator.Pipelines;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Parsing;

/// <summary>
/// Finds the calls of annotated methods made on their class in one file, for <see cref="InterceptorPipeline"/>, which
/// owns one instance per pipeline (per generator driver, that is per project). The pipeline asks for every file on
/// every run, because binding needs the compilation and the compilation is new on every edit; this keeps the answer
/// for a file while nothing it depends on changed, so that a keystroke re-binds one file, not all of them:
/// <list type="bullet">
/// <item>the file itself: its tree (a new text, a new language version or other parse options make a new tree);</item>
/// <item>what every other file declares, attribute arguments left out, and the names of the annotated methods
/// (<see cref="ScanInputs"/>, from the pipeline's graph; a body elsewhere, or a key or a TTL, can change no binding
/// here: the scan records what a call binds to, and the policies are joined in afterwards). When the declarations did
/// change, a file is kept if the change is to methods, properties or events whose names it never spells
/// (<see cref="CompilationBindings"/>): a parameter added to one repository's method re-binds the files that call a
/// method of that name, and in them only the calls that can bind to it (<see cref="Rescan"/>);</item>
/// <item>the compilation's options and assembly name, and its references by identity (a rebuilt project reference
/// is a new reference).</item>
/// </list>
/// Within a scan, only invocations named like an annotated method go further, and <see cref="CallTargetResolver"/>
/// answers most of them from declarations, without binding the enclosing body.
/// </summary>
internal sealed partial class CallSiteScanner(GeneratorHooks hooks)
{
    private readonly ConditionalWeakTable<SyntaxTree, FileScan> _files = new();
    private readonly ConditionalWeakTable<Compilation, CompilationKey> _compilations = new();

    // A method's model, once per symbol: 10,000 calls of 1,000 methods parse 1,000. A metadata symbol is shared by the
    // compilations that reference the same assembly, so a referenced method is parsed once for the pipeline's life.
    private readonly ConditionalWeakTable<IMethodSymbol, TargetBox> _targets = new();
    private readonly ConditionalWeakTable<IAssemblySymbol, string[]> _referencedNames = new();
    private readonly ConditionalWeakTable<INamedTypeSymbol, ContainersBox> _containers = new();

    public CallSiteFileModel Scan(SyntaxTree tree, ScanInputs inputs, Compilation compilation, CancellationToken cancellationToken)
    {
        if (!inputs.Enabled || inputs.Names.Count == 0)
        {
            return new CallSiteFileModel(tree.FilePath, EquatableArray<CallSiteModel>.Empty, EquatableArray<GeneratorFailure>.Empty);
        }

        var key = _compilations.GetValue(compilation, static c => new CompilationKey(c));
        var scan = _files.GetValue(tree, static _ => new FileScan());
        if (scan.Latest is { } latest && latest.Compilation.Equals(key))
        {
            // The same inputs (after a body edit, the same object: Roslyn keeps an equal step output).
            if (latest.Inputs.Equals(inputs))
            {
                return latest.Result;
            }

            // A declaration changed somewhere: if it is a method, property or event this file never refers to, no call
            // here can bind differently (FileBindings), and the calls are kept under the new bindings. A name the file
            // spells only as calls whose receivers' types are known counts only in those types, their bases and
            // interfaces, and static types (extensions): a parameter added to one repository's FindByIdAsync re-binds
            // the files that call it on that repository, not every file that calls a FindByIdAsync.
            if (latest.Inputs.Enabled == inputs.Enabled && latest.Inputs.Names.Equals(inputs.Names)
                && inputs.ByName.Changed(latest.Inputs.ByName, CallReceivers.Checks(scan.NamesOf(tree, cancellationToken), latest.Receivers)) is { } changed)
            {
                if (changed.Count == 0)
                {
                    scan.Latest = new FileResult(inputs, key, latest.Result, latest.Receivers, latest.Calls);
                    return latest.Result;
                }

                // Only some names' declarations in some types changed: only the calls that can bind to them are parsed again.
                if (Rescan(compilation, tree, latest, changed, cancellationToken) is { } rescanned)
                {
                    var partial = Model(tree.FilePath, rescanned.Calls);
                    scan.Latest = new FileResult(inputs, key, partial, rescanned.Receivers, rescanned.Calls);
                    return partial;
                }
            }
        }

        var receivers = new CallReceivers();
        var spelled = new HashSet<string>(StringComparer.Ordinal);
        var records = ScanTree(compilation, tree, new HashSet<string>(inputs.Names, StringComparer.Ordinal), receivers, spelled, cancellationToken);
        var result = Model(tree.FilePath, records);

        // Kept for the first declaration change: read on the walk the scan makes anyway, not by a walk of its own then.
        scan.Spelled(spelled);
        scan.Latest = new FileResult(inputs, key, result, receivers.Containers, records);
        return result;
    }

    /// <summary>
    /// The names of the annotated methods of the referenced assemblies, read once per assembly symbol (shared by the
    /// compilations that reference the same assembly). Only assemblies that reference CachingGen can have any.
    /// </summary>
    public EquatableArray<string> ReferencedNames(Compilation compilation, CancellationToken cancellationToken)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            names.UnionWith(_referencedNames.GetValue(assembly, a => a.Modules.Any(m => m.ReferencedAssemblies.Any(r => r.Name == "CachingGen"))
                ? CollectNames(a.GlobalNamespace, cancellationToken).Distinct(StringComparer.Ordinal).ToArray()
                : []));
        }

        return names.ToEquatableArray();
    }

    /// <summary>The file's calls, in order; <paramref name="receivers"/> and <paramref name="spelled"/> get what they depend on.</summary>
    private CallRecord[] ScanTree(
        Compilation compilation, SyntaxTree tree, HashSet<string> names, CallReceivers receivers, HashSet<string> spelled, CancellationToken cancellationToken)
    {
        SemanticModel? model = null;
        CallTargetResolver? resolver = null;
        var records = new List<CallRecord>();
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
        {
            if (node is SimpleNameSyntax simple)
            {
                // The identifiers the file spells (CompilationBindings.References), and each use of an annotated name.
                spelled.Add(simple.Identifier.ValueText);
                if (names.Contains(simple.Identifier.ValueText))
                {
                    receivers.Used(simple.Identifier.ValueText);
                }
            }

            if (node is not InvocationExpressionSyntax invocation || !InterceptionRules.IsNamedInvocation(invocation) || !names.Contains(CallReceivers.CalleeName(invocation)))
            {
                continue;
            }

            model ??= compilation.GetSemanticModel(tree);
            resolver ??= new CallTargetResolver(model, cancellationToken);
            var record = ParseOne(invocation, model, resolver, cancellationToken);
            records.Add(record);
            if (record.Failure is null)
            {
                receivers.Called(record.Name, record.Containers);
            }
            else
            {
                receivers.Failed(record.Name);
            }
        }

        receivers.Finish();
        return [.. records];
    }

    /// <summary>One call: what it binds to, the types its receiver binds it in, or the failure that leaves it as written.</summary>
    private CallRecord ParseOne(InvocationExpressionSyntax invocation, SemanticModel model, CallTargetResolver resolver, CancellationToken cancellationToken)
    {
        var name = CallReceivers.CalleeName(invocation);
        // In a lambda or a query, whether the call is in an expression tree depends on how the call taking it binds.
        var inLambda = invocation.Ancestors().Any(a => a is LambdaExpressionSyntax or QueryExpressionSyntax);
        try
        {
            var call = CallSiteParser.Parse(invocation, model, resolver, m => Target(m, cancellationToken), hooks.CallParsed, out var bound, cancellationToken);
            return new CallRecord(invocation.Span, name, Containers(resolver.ReceiverType(invocation)), bound || inLambda, call, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The call stays as written (uncached), and the build says so at the call rather than crashing (CS8785).
            return new CallRecord(invocation.Span, name, null, true, null, new GeneratorFailure(invocation.ToString(), ex.GetType().Name, ex.Message, LocationInfo.From(invocation.GetLocation())));
        }
    }

    // One set per receiver type, shared by the records of every file: 10,000 calls on 100 repositories keep 100 sets.
    private HashSet<string>? Containers(INamedTypeSymbol? receiver)
        => receiver is null ? null : _containers.GetValue(receiver, static type => new ContainersBox(CallReceivers.ContainersOf(type))).Containers;

    private static CallSiteFileModel Model(string path, CallRecord[] records)
        => new(
            path,
            records.Where(r => r.Model is not null).Select(r => r.Model!).ToEquatableArray(),
            records.Where(r => r.Failure is not null).Select(r => r.Failure!).ToEquatableArray());

    // A method of this compilation is read from its declaration only: its policy (attribute arguments) is joined in
    // later from the decorator pipeline's model, so a key edit keeps every file's scan. A referenced method's model
    // comes from metadata, which only a new reference changes (and a new reference scans again).
    private CallTargetModel? Target(IMethodSymbol method, CancellationToken cancellationToken)
        => _targets.GetValue(method, m => new TargetBox(m.Locations.Any(l => l.IsInSource)
            ? CallSiteParser.Target(m, null)
            : new RepositoryParser(DiagnosticSink.Null, cancellationToken).ParseMethod(m) is { } model
                ? CallSiteParser.Target(m, model)
                : null)).Model;

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

    /// <summary>
    /// What a scan depends on in the compilation itself: options (nullable context, import options…), the assembly's
    /// name (InternalsVisibleTo, the generated class names) and the references, compared by identity. Holds no
    /// compilation, so a file's kept scan does not keep an old compilation alive.
    /// </summary>
    private sealed class CompilationKey(Compilation compilation)
    {
        private readonly CompilationOptions _options = compilation.Options;
        private readonly string? _assemblyName = compilation.AssemblyName;
        private readonly ImmutableArray<MetadataReference> _references = compilation.References.ToImmutableArray();

        public bool Equals(CompilationKey other)
            => ReferenceEquals(this, other)
                || (_options.Equals(other._options)
                    && string.Equals(_assemblyName, other._assemblyName, StringComparison.Ordinal)
                    && _references.SequenceEqual(other._references, ReferenceEqualityComparer.Instance));
    }

    private sealed class ReferenceEqualityComparer : IEqualityComparer<MetadataReference>
    {
        public static readonly ReferenceEqualityComparer Instance = new();

        public bool Equals(MetadataReference? x, MetadataReference? y) => ReferenceEquals(x, y);

        public int GetHashCode(MetadataReference obj) => RuntimeHelpers.GetHashCode(obj);
    }

    private sealed class FileScan
    {
        private volatile FileResult? _latest;
        private string[]? _names;

        public FileResult? Latest
        {
            get => _latest;
            set => _latest = value;
        }

        /// <summary>The identifiers the file spells, as its scan found them.</summary>
        public void Spelled(HashSet<string> names) => _names ??= names.ToArray();

        /// <summary>The identifiers the file spells (as its first scan found them, else read once per tree).</summary>
        public string[] NamesOf(SyntaxTree tree, CancellationToken cancellationToken)
            => _names ??= CompilationBindings.Names(tree.GetRoot(cancellationToken));
    }

    private sealed class FileResult(
        ScanInputs inputs, CompilationKey compilation, CallSiteFileModel result, IReadOnlyDictionary<string, HashSet<string>?> receivers, CallRecord[] calls)
    {
        /// <summary>The file's scanned calls, in order, each with what it depends on (for <see cref="Rescan"/>).</summary>
        public CallRecord[] Calls { get; } = calls;

        /// <summary>Per annotated name the file spells, the containers its calls can bind in (null: counts by name).</summary>
        public IReadOnlyDictionary<string, HashSet<string>?> Receivers { get; } = receivers;

        public ScanInputs Inputs { get; } = inputs;

        public CompilationKey Compilation { get; } = compilation;

        public CallSiteFileModel Result { get; } = result;
    }

    private sealed class ContainersBox(HashSet<string>? containers)
    {
        public HashSet<string>? Containers { get; } = containers;
    }

    private sealed class TargetBox(CallTargetModel? model)
    {
        public CallTargetModel? Model { get; } = model;
    }
}
