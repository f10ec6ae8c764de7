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
    private readonly Pipelines.InterceptorHooks _interceptorHooks;

    /// <summary>The generator as the compiler loads it.</summary>
    public CachingGenGenerator()
        : this(Pipelines.InterceptorHooks.None)
    {
    }

    /// <summary>A generator with test hooks in its interceptor pipeline (instance callbacks: parallel tests never share them).</summary>
    internal CachingGenGenerator(Pipelines.InterceptorHooks interceptorHooks) => _interceptorHooks = interceptorHooks;

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // What every file declares to the others (computed for a new tree only), and the compilation seen through them:
        // what decorators, the manifest and the call-site scan depend on besides a file's own text.
        var files = Pipelines.DeclarationSnapshot.Files(context);
        var declarations = Pipelines.DeclarationSnapshot.Register(context, files);
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

        Pipelines.InterceptorPipeline.Register(context, _interceptorHooks, annotatedNames, files);
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
