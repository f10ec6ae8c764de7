using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using CachingGen.Generator.Diagnostics;
using CachingGen.Generator.Emit;
using CachingGen.Generator.Model;
using CachingGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator;

/// <summary>
/// Emits a cache-aside decorator, key builders and a DI registration for every class with
/// <c>[Cached]</c>/<c>[Invalidates]</c> methods. Silent on invalid input: <see cref="Analyzers.CachingGenAnalyzer"/>
/// reports it, and an invalid method is forwarded uncached rather than emitted broken. The one thing it reports is
/// its own failure (CG0017), at the method it could not process; it never throws.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class CachingGenGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // What decorators and the manifest read from the compilation: its declarations, compared without the bodies.
        var declarations = context.CompilationProvider
            .Select(static (compilation, ct) => Pipelines.DeclarationSnapshot.Of(compilation, ct))
            .WithComparer(Pipelines.DeclarationSnapshot.SameDeclarations);
        var (cached, invalidating, annotatedNames) = Pipelines.DecoratorMethods.Register(context, declarations, static (method, ct) => Transform(method, ct));
        var all = cached.Collect().Combine(invalidating.Collect());

        // A method with both attributes is transformed twice; its failure is reported once.
        var failures = all.Select(static (pair, _) => pair.Left.Concat(pair.Right)
            .Select(r => r.Failure)
            .OfType<GeneratorFailure>()
            .Distinct()
            .ToEquatableArray());
        context.RegisterSourceOutput(failures, static (spc, list) =>
        {
            foreach (var failure in list)
            {
                spc.ReportDiagnostic(failure.ToDiagnostic());
            }
        });

        var repositories = all
            .Select(static (pair, ct) => Group(pair.Left, pair.Right, ct))
            .WithTrackingName(TrackingNames.Repositories);

        var each = repositories
            .SelectMany(static (all, _) => all.Items)
            .WithTrackingName(TrackingNames.Repository);
        var emitted = each.Select(static (repository, _) => EmittedRepository.Create(repository));
        context.RegisterSourceOutput(emitted, static (spc, file) =>
        {
            if (file.Source is { } source)
            {
                spc.AddSource(file.HintName, source);
            }

            foreach (var failure in file.Failures)
            {
                spc.ReportDiagnostic(failure.ToDiagnostic());
            }
        });

        RegisterInterceptors(context, annotatedNames);
        Pipelines.ManifestPipeline.Register(context, declarations);

        var registrations = emitted.Collect()
            .Select(static (all, _) => all.Select(e => e.Registration).OfType<RegistrationModel>().ToEquatableArray())
            .WithTrackingName(TrackingNames.Registrations);
        context.RegisterSourceOutput(registrations, static (spc, list) =>
        {
            if (list.Count == 0)
            {
                return;
            }

            try
            {
                spc.AddSource(RegistrationEmitter.HintName, RegistrationEmitter.Emit(list));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Without the registrations no decorator is put in front of its repository: say so for each class.
                foreach (var registration in list)
                {
                    spc.ReportDiagnostic(new GeneratorFailure(registration.Repository, ex.GetType().Name, ex.Message, null).ToDiagnostic());
                }
            }
        });
    }

    /// <summary>
    /// Interceptors for calls made on the class rather than through an interface. Roslyn cannot find invocations by
    /// attribute, so a syntax filter keeps the semantic model to named invocations, a method's model is compiled once
    /// per compilation, and the output is one file per calling file: an edit regenerates at most its own file.
    /// </summary>
    private static void RegisterInterceptors(IncrementalGeneratorInitializationContext context, IncrementalValueProvider<EquatableArray<string>> names)
    {
        var settings = context.ParseOptionsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, _) =>
            {
                pair.Right.GlobalOptions.TryGetValue(InterceptionRules.OptOutProperty, out var optOut);
                return InterceptionRules.Settings(pair.Left, optOut);
            })
            .WithTrackingName(TrackingNames.InterceptorSettings);

        var calls = context.CompilationProvider
            .Combine(names)
            .Combine(settings)
            .SelectMany(static (input, ct) => input.Right.Enabled
                ? CallSiteScanner.Scan(input.Left.Left, input.Left.Right, ct).ToImmutableArray()
                : ImmutableArray<CallSiteResult>.Empty)
            .WithTrackingName(TrackingNames.CallSites);

        context.RegisterSourceOutput(calls.Where(static r => r.Failure is not null), static (spc, result) => spc.ReportDiagnostic(result.Failure!.ToDiagnostic()));

        var files = calls
            .Where(static r => r.Call is not null)
            .Select(static (r, _) => r.Call!)
            .Collect()
            .SelectMany(static (all, _) => all.GroupBy(c => c.FilePath, StringComparer.Ordinal).Select(g => new InterceptorFileModel(g.Key, g.ToEquatableArray())).ToImmutableArray())
            .WithTrackingName(TrackingNames.InterceptorFiles);

        // One file per called class with the cache-aside bodies: it changes only when the set of its methods called does.
        var classes = calls
            .Where(static r => r.Call is not null)
            .Select(static (r, _) => r.Call!)
            .Collect()
            .SelectMany(static (all, _) => all
                .GroupBy(c => c.CallsClass, StringComparer.Ordinal)
                .Select(g => new CalledClassModel(
                    g.First().Target.ContainingType,
                    g.Key,
                    g.Select(c => c.Target).GroupBy(t => t.Method.Id, StringComparer.Ordinal).Select(m => m.First()).OrderBy(t => t.Method.Id, StringComparer.Ordinal).ToEquatableArray()))
                .ToImmutableArray())
            .WithTrackingName(TrackingNames.CalledClasses);

        context.RegisterSourceOutput(classes, static (spc, model) =>
        {
            try
            {
                spc.AddSource(CalledClassEmitter.HintName(model), CalledClassEmitter.Emit(model));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The interceptors forwarding here would not compile without it: report each method (the build fails
                // loudly on the missing bodies rather than running uncached in silence).
                foreach (var target in model.Methods)
                {
                    spc.ReportDiagnostic(new GeneratorFailure(target.Method.DisplayName, ex.GetType().Name, ex.Message, null).ToDiagnostic());
                }
            }
        });

        context.RegisterSourceOutput(files, static (spc, file) =>
        {
            try
            {
                GeneratorFaultInjection.OnEmit(System.IO.Path.GetFileNameWithoutExtension(file.FilePath));
                spc.AddSource(InterceptorEmitter.HintName(file.FilePath), InterceptorEmitter.Emit(file));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Without the file its calls run uncached: each says so.
                foreach (var call in file.Calls)
                {
                    spc.ReportDiagnostic(new GeneratorFailure(call.Target.Method.DisplayName + " called at " + call.Display, ex.GetType().Name, ex.Message, null).ToDiagnostic());
                }
            }
        });
    }

    private static MethodResult Transform(IMethodSymbol method, CancellationToken cancellationToken)
    {
        string? classKey = null;
        RepositoryShell? shell = null;
        try
        {
            classKey = SymbolFormats.Qualified(method.ContainingType);
            var parser = new RepositoryParser(DiagnosticSink.Null, cancellationToken);
            shell = parser.ParseShellOnce(method);
            GeneratorFaultInjection.OnTransform(method.Name);
            var model = parser.ParseMethod(method);

            // Calls of the method on its class (interceptors) need the same model: parsed once.
            CallSiteParser.Remember(method, model);
            return new MethodResult(classKey, shell, model);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Never take the user's build down, never fail silently: the method is forwarded uncached, and says why.
            // A shell already computed is kept, so the class's other methods are still decorated.
            return new MethodResult(classKey, shell, null, Failure(method, ex));
        }
    }

    private static GeneratorFailure Failure(IMethodSymbol method, Exception exception)
    {
        string name;
        Location? location;
        try
        {
            name = method.ToDisplayString(SymbolFormats.Short);
            location = method.Locations.FirstOrDefault();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The symbol itself is what failed: fall back to what cannot.
            name = method.Name;
            location = null;
        }

        return new GeneratorFailure(name, exception.GetType().Name, exception.Message, LocationInfo.From(location));
    }

    private static EquatableArray<RepositoryModel> Group(ImmutableArray<MethodResult> cached, ImmutableArray<MethodResult> invalidating, CancellationToken cancellationToken)
    {
        var shells = new Dictionary<string, RepositoryShell>();
        var methods = new Dictionary<string, Dictionary<string, MethodModel>>();
        foreach (var result in cached.Concat(invalidating))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (result.ClassKey is not { } classKey)
            {
                continue;
            }

            if (result.Shell is { } shell)
            {
                shells[classKey] = shell;
            }

            if (!methods.TryGetValue(classKey, out var byId))
            {
                methods[classKey] = byId = new Dictionary<string, MethodModel>();
            }

            if (result.Method is { } method)
            {
                byId[method.Id] = method;
            }
        }

        return shells.Values
            .OrderBy(s => s.FullyQualifiedName, StringComparer.Ordinal)
            .Select(s => new RepositoryModel(s, methods[s.FullyQualifiedName].Values.OrderBy(m => m.Order).ThenBy(m => m.Id, StringComparer.Ordinal).ToEquatableArray()))
            .Where(r => r.Methods.Count > 0)
            .ToEquatableArray();
    }
}
