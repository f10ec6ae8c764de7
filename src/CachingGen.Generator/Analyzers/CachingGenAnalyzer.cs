using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using CachingGen.Generator.Diagnostics;
using CachingGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CachingGen.Generator.Analyzers;

/// <summary>
/// Reports every problem with <c>[Cached]</c>/<c>[Invalidates]</c> methods and their classes while the user
/// types, with the location of the exact offending text. Uses the same parser as the generator.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CachingGenAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.UnknownPlaceholder,
        DiagnosticDescriptors.MalformedTemplate,
        DiagnosticDescriptors.InvalidTtl,
        DiagnosticDescriptors.NotReachableThroughInterface,
        DiagnosticDescriptors.UnsupportedReturnType,
        DiagnosticDescriptors.MemberPathNotFound,
        DiagnosticDescriptors.UnsupportedMethodShape,
        DiagnosticDescriptors.UnsupportedRepositoryClass,
        DiagnosticDescriptors.CancellationTokenInKey,
        DiagnosticDescriptors.VeryLongTtl,
        DiagnosticDescriptors.ParameterNotInKey,
        DiagnosticDescriptors.ConflictingAttributes,
        DiagnosticDescriptors.UnstableKeyText,
        DiagnosticDescriptors.MutableCachedResult,
        DiagnosticDescriptors.InvalidationNeverMatches,
        DiagnosticDescriptors.KeyShapeCollision);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var known = KnownTypes.Create(start.Compilation);
            if (!known.MayBeUsed())
            {
                // The compilation does not reference CachingGen: nothing to do, at no cost.
                return;
            }

            // The cross-method checks need every [Cached] key in the compilation; built on first use, once.
            var compilation = start.Compilation;
            var index = new Lazy<CachedKeyIndex>(() => CachedKeyIndex.Build(compilation, known, CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication);
            start.RegisterSymbolAction(symbolContext => AnalyzeMethod(symbolContext, known, index), SymbolKind.Method);
            start.RegisterSymbolAction(symbolContext => AnalyzeType(symbolContext, known), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, KnownTypes known, Lazy<CachedKeyIndex> index)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (!known.IsAnnotated(method))
        {
            return;
        }

        var diagnostics = new List<Diagnostic>();
        RepositoryParser.ParseAnnotatedMethod(method, known, diagnostics, context.CancellationToken);
        if (!diagnostics.Exists(d => d.Severity == DiagnosticSeverity.Error))
        {
            CrossMethodChecks.Run(method, known, index.Value, diagnostics, context.CancellationToken);
        }

        foreach (var diagnostic in diagnostics)
        {
            context.ReportDiagnostic(diagnostic);
        }
    }

    private static void AnalyzeType(SymbolAnalysisContext context, KnownTypes known)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!type.GetMembers().OfType<IMethodSymbol>().Any(known.IsAnnotated))
        {
            return;
        }

        var diagnostics = new List<Diagnostic>();
        RepositoryParser.ParseShell(type, known, diagnostics, context.CancellationToken);
        foreach (var diagnostic in diagnostics)
        {
            context.ReportDiagnostic(diagnostic);
        }
    }
}
