using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System;
using CachingGen.Generator.Emit;
using CachingGen.Generator.Hashing;
using CachingGen.Generator.Model;
using CachingGen.Generator.Parsing;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis;

namespace CachingGen.Generator.Pipelines;

/// <summary>
/// Interceptors for calls made on the class rather than through an interface. The graph, each step an equatable model:
/// <list type="number">
/// <item>settings (opt-out, <c>InterceptorsNamespaces</c>) and the names of the annotated methods (this compilation's
/// and its references');</item>
/// <item>per file, what it declares to the others, attribute arguments left out (<see cref="FileBindings"/>):
/// computed for a new tree only, reused by Roslyn for the others;</item>
/// <item>their combination (<see cref="ScanInputs"/>), equal after a body edit and after a key or TTL edit;</item>
/// <item>per file, its calls (<see cref="CallSiteFileModel"/>): binding needs the compilation, which is new on every
/// edit, so this step runs for every file, and the pipeline's <see cref="CallSiteScanner"/> re-binds only the files
/// whose tree, inputs, options or references changed; an unchanged file's model compares equal, and nothing after it
/// runs again;</item>
/// <item>per called class, its methods and the calls of each (<see cref="CalledClassModel"/>), one generated file each:
/// the scanned calls joined with the decorator pipeline's method models, which carry the policies. A key edit changes
/// one method's model, so it regenerates the one class's file and scans no calling file again.</item>
/// </list>
/// </summary>
internal static class InterceptorPipeline
{
    /// <param name="context">The generator's context.</param>
    /// <param name="hooks">Test hooks (none in a real build).</param>
    /// <param name="annotatedNames">The names of this compilation's methods written with <c>[Cached]</c>/<c>[Invalidates]</c> (from syntax: a keystroke leaves them equal).</param>
    /// <param name="files">What each file declares to the others, attribute arguments left out (<see cref="DeclarationSnapshot.BindingFiles"/>).</param>
    /// <param name="methods">The valid annotated methods of this compilation, by id: the policies of the calls' targets.</param>
    public static void Register(
        IncrementalGeneratorInitializationContext context,
        GeneratorHooks hooks,
        IncrementalValueProvider<EquatableArray<string>> annotatedNames,
        IncrementalValuesProvider<FileDeclarationsModel> files,
        IncrementalValueProvider<EquatableArray<MethodModel>> methods)
    {
        // Owned by this registration, that is by one generator driver (one project): nothing is shared between projects.
        var scanner = new CallSiteScanner(hooks);

        var settings = context.ParseOptionsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, _) =>
            {
                pair.Right.GlobalOptions.TryGetValue(InterceptionRules.OptOutProperty, out var optOut);
                return InterceptionRules.Settings(pair.Left, optOut);
            })
            .WithTrackingName(TrackingNames.InterceptorSettings);

        // The names of annotated methods, for the scan's syntax filter: this compilation's, then its references'.
        var names = annotatedNames
            .Combine(context.CompilationProvider.Combine(settings).Select((pair, ct) => pair.Right.Enabled ? scanner.ReferencedNames(pair.Left, ct) : EquatableArray<string>.Empty))
            .Select(static (all, _) => all.Left.Concat(all.Right).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.InterceptedNames);

        // One entry per file that may hold interceptable calls; an unchanged tree is the same object, so Roslyn keeps
        // what was computed from it. With interceptors off there is none, and the project pays nothing below.
        var trees = context.CompilationProvider
            .Combine(settings)
            .SelectMany(static (pair, _) => pair.Right.Enabled ? pair.Left.SyntaxTrees.Where(t => InterceptionRules.NamespaceEnabled(t.Options)).ToImmutableArray() : ImmutableArray<SyntaxTree>.Empty);

        var inputs = files.Collect()
            .Combine(names)
            .Combine(settings)
            .Select(static (all, _) => ScanInputs.Of(all.Right.Enabled, all.Left.Right, all.Left.Left))
            .WithTrackingName(TrackingNames.ScanInputs);

        var calls = trees
            .Combine(inputs)
            .Combine(context.CompilationProvider)
            .Select((input, ct) => scanner.Scan(input.Left.Left, input.Left.Right, input.Right, ct))
            .WithTrackingName(TrackingNames.CallSiteFiles);

        context.RegisterSourceOutput(calls.Where(static f => f.Failures.Count > 0), static (spc, file) =>
        {
            foreach (var failure in file.Failures)
            {
                spc.ReportDiagnostic(failure.ToDiagnostic());
            }
        });

        var classes = calls
            .Where(static f => f.Calls.Count > 0)
            .Collect()
            .Combine(methods)
            .SelectMany(static (all, ct) => Group(all.Left, all.Right, ct))
            .WithTrackingName(TrackingNames.CalledClasses);

        context.RegisterSourceOutput(classes, (spc, model) =>
        {
            try
            {
                hooks.EmittingClass?.Invoke(model.ClassName);
                spc.AddSource(CalledClassEmitter.HintName(model), CalledClassEmitter.Emit(model));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The [InterceptsLocation] attributes live in this file: without it these calls run uncached. Each says so.
                foreach (var method in model.Methods)
                {
                    foreach (var call in method.Calls)
                    {
                        spc.ReportDiagnostic(new GeneratorFailure(method.Target.Method.DisplayName + " called at " + call.Display, ex.GetType().Name, ex.Message, null).ToDiagnostic());
                    }
                }
            }
        });
    }

    /// <summary>
    /// The calls grouped by the class of the method called, then by method: one generated file per class. A method of
    /// this compilation takes its policy from <paramref name="models"/>; one without a model is invalid (the analyzer
    /// says why at the method), and its calls stay as written, uncached, as before it was scanned.
    /// </summary>
    private static ImmutableArray<CalledClassModel> Group(ImmutableArray<CallSiteFileModel> files, EquatableArray<MethodModel> models, CancellationToken cancellationToken)
    {
        var byId = new Dictionary<string, MethodModel>(StringComparer.Ordinal);
        foreach (var model in models)
        {
            byId[model.Id] = model;
        }

        var classes = new SortedDictionary<string, SortedDictionary<string, (InterceptedMethodModel Target, List<InterceptLocationModel> Calls)>>(StringComparer.Ordinal);
        foreach (var file in files.OrderBy(f => f.FilePath, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var call in file.Calls)
            {
                if ((call.Target.Referenced ?? (byId.TryGetValue(call.Target.MethodId, out var own) ? own : null)) is not { } policy)
                {
                    continue;
                }

                if (!classes.TryGetValue(call.CallsClass, out var methods))
                {
                    classes[call.CallsClass] = methods = new SortedDictionary<string, (InterceptedMethodModel, List<InterceptLocationModel>)>(StringComparer.Ordinal);
                }

                if (!methods.TryGetValue(call.Target.MethodId, out var method))
                {
                    methods[call.Target.MethodId] = method = (call.Target.With(policy), new List<InterceptLocationModel>());
                }

                method.Calls.Add(call.Location);
            }
        }

        return classes
            .Select(c => new CalledClassModel(
                c.Value.Values.First().Target.ContainingType,
                c.Key,
                c.Value.Values.Select(m => new CalledMethodModel(m.Target, m.Calls.ToEquatableArray())).ToEquatableArray()))
            .ToImmutableArray();
    }
}
