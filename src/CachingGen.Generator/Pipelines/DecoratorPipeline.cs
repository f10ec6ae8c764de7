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

namespace CachingGen.Generator.Pipelines;

/// <summary>
/// Decorators: the annotated methods as models (<see cref="DecoratorMethods"/>), grouped per repository class, one
/// generated file per class. A method that cannot be parsed is forwarded uncached and reported (CG0017), never thrown.
/// </summary>
internal static class DecoratorPipeline
{
    /// <summary>
    /// Registers the decorators; returns them (for the registrations), the annotated methods' names (for the call-site
    /// scan) and the valid methods' models by id (the interceptors' policies, joined with the scanned calls).
    /// </summary>
    public static (IncrementalValuesProvider<EmittedRepository> Emitted, IncrementalValueProvider<EquatableArray<string>> AnnotatedNames, IncrementalValueProvider<EquatableArray<MethodModel>> Methods) Register(
        IncrementalGeneratorInitializationContext context, GeneratorHooks hooks, IncrementalValueProvider<DeclarationSnapshot> declarations)
    {
        var (cached, invalidating, annotatedNames) = DecoratorMethods.Register(context, declarations, (method, ct) => Transform(method, hooks, ct));
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
        var emitted = each.Select((repository, _) => EmittedRepository.Create(repository, hooks));
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

        // A method with both attributes has one model, reached from either list.
        var methods = all
            .Select(static (pair, _) => pair.Left.Concat(pair.Right)
                .Select(r => r.Method)
                .OfType<MethodModel>()
                .GroupBy(m => m.Id, StringComparer.Ordinal)
                .Select(g => g.First())
                .OrderBy(m => m.Id, StringComparer.Ordinal)
                .ToEquatableArray())
            .WithTrackingName(TrackingNames.MethodModels);

        return (emitted, annotatedNames, methods);
    }

    private static MethodResult Transform(IMethodSymbol method, GeneratorHooks hooks, CancellationToken cancellationToken)
    {
        string? classKey = null;
        RepositoryShell? shell = null;
        try
        {
            classKey = SymbolFormats.Qualified(method.ContainingType);
            var parser = new RepositoryParser(DiagnosticSink.Null, cancellationToken);
            shell = parser.ParseShellOnce(method);
            hooks.TransformingMethod?.Invoke(method.Name);
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
