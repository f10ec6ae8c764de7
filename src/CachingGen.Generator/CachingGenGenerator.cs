using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using CachingGen.Generator.Emit;
using CachingGen.Generator.Model;
using CachingGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator;

/// <summary>
/// Emits a cache-aside decorator, key builders and a DI registration for every class with
/// <c>[Cached]</c>/<c>[Invalidates]</c> methods. Silent on invalid input: <see cref="Analyzers.CachingGenAnalyzer"/>
/// reports it, and an invalid method is forwarded uncached rather than emitted broken.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class CachingGenGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var cached = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownTypes.CachedAttributeName, static (node, _) => node is MethodDeclarationSyntax, static (c, ct) => Transform(c, ct))
            .WithTrackingName(TrackingNames.CachedMethods);
        var invalidating = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownTypes.InvalidatesAttributeName, static (node, _) => node is MethodDeclarationSyntax, static (c, ct) => Transform(c, ct))
            .WithTrackingName(TrackingNames.InvalidatingMethods);

        var repositories = cached.Collect()
            .Combine(invalidating.Collect())
            .Select(static (pair, ct) => Group(pair.Left, pair.Right, ct))
            .WithTrackingName(TrackingNames.Repositories);

        var each = repositories
            .SelectMany(static (all, _) => all.Items)
            .WithTrackingName(TrackingNames.Repository);
        context.RegisterSourceOutput(each, static (spc, repository) =>
        {
            // Emitting works on validated models only; should it still fail, the build goes on without this
            // file rather than with a generator crash (CS8785).
            if (TryEmit(() => DecoratorEmitter.Emit(repository), out var source))
            {
                spc.AddSource(DecoratorEmitter.HintName(repository.Shell), source);
            }
        });

        var registrations = repositories
            .Select(static (all, _) => all.Select(r => new RegistrationModel(
                r.Shell.FullyQualifiedName,
                QualifiedDecorator(r.Shell),
                r.Shell.Interfaces)).ToEquatableArray())
            .WithTrackingName(TrackingNames.Registrations);
        context.RegisterSourceOutput(registrations, static (spc, list) =>
        {
            if (list.Count > 0 && TryEmit(() => RegistrationEmitter.Emit(list), out var source))
            {
                spc.AddSource(RegistrationEmitter.HintName, source);
            }
        });
    }

    private static MethodResult Transform(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        try
        {
            if (context.TargetSymbol is not IMethodSymbol method)
            {
                return new MethodResult(null, null, null);
            }

            var known = KnownTypes.For(context.SemanticModel.Compilation);
            return RepositoryParser.ParseMethod(method, known, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Never take the user's build down: the analyzer reports what is wrong with the source.
            return new MethodResult(null, null, null);
        }
    }

    private static bool TryEmit(Func<string> emit, out string source)
    {
        try
        {
            source = emit();
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            source = string.Empty;
            return false;
        }
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

    private static string QualifiedDecorator(RepositoryShell shell)
        => "global::" + (shell.Namespace.Length > 0 ? shell.Namespace + "." : string.Empty) + DecoratorEmitter.DecoratorName(shell);
}
