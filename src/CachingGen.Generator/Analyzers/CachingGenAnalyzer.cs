using CachingGen.Generator.Parsing;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CachingGen.Generator.Analyzers;

/// <summary>
/// Reports every problem with <c>[Cached]</c>/<c>[Invalidates]</c> methods and their classes while the user
/// types, with the location of the exact offending text. Uses the same parser as the generator. Also checks DI
/// registrations of annotated classes that the runtime cannot decorate (<see cref="RegistrationChecks"/>).
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
        DiagnosticDescriptors.KeyShapeCollision,
        DiagnosticDescriptors.KeyCollision,
        DiagnosticDescriptors.RegisteredAfterAddCachingGen,
        DiagnosticDescriptors.RegisteredAsOwnType,
        DiagnosticDescriptors.SettableCachedResult,
        DiagnosticDescriptors.NoAddCachingGen,
        DiagnosticDescriptors.UseNotCached,
        DiagnosticDescriptors.InterceptorsNotEnabled,
        DiagnosticDescriptors.UseNotInvalidating,
        DiagnosticDescriptors.InvalidPolicyValue,
        DiagnosticDescriptors.ContradictoryPolicy,
        DiagnosticDescriptors.InvalidPolicyRule,
        DiagnosticDescriptors.WriteNotInvalidating,
        DiagnosticDescriptors.InvalidTableName,
        DiagnosticDescriptors.NoEffect,
        DiagnosticDescriptors.ChangeFeedCannotSee);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (!AttributeNames.MayBeUsed(start.Compilation))
            {
                // The compilation does not reference CachingGen: nothing to do, at no cost.
                return;
            }

            // The cross-method checks need every annotated method of the compilation: found on first use, once per
            // compilation, from the files' syntax (generated code skipped), so a document with no annotated method and
            // no repository class never pays for it.
            var compilation = start.Compilation;
            var annotated = new Lazy<AnnotatedTypes>(
                () => AnnotatedTypes.Find(compilation, BodyTablesCache.Stamp(compilation, CancellationToken.None), CancellationToken.None),
                LazyThreadSafetyMode.ExecutionAndPublication);
            var index = new Lazy<CachedKeyIndex>(() => CachedKeyIndex.Build(annotated.Value, compilation, CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication);

            // Interceptors change what is a problem: static methods and classes without interfaces are fine with them.
            start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(InterceptionRules.OptOutProperty, out var optOut);
            var settings = InterceptionRules.Settings(compilation.SyntaxTrees.FirstOrDefault()?.Options, optOut);
            start.RegisterSymbolAction(symbolContext => AnalyzeMethod(symbolContext, index, settings.Enabled), SymbolKind.Method);
            start.RegisterSymbolAction(symbolContext => AnalyzeType(symbolContext, settings.Enabled), SymbolKind.NamedType);

            // Writes whose SQL changes what a cached read returns, and invalidate none of its keys (CG0029).
            var coverage = new Lazy<CoverageIndex>(() => CoverageIndex.Build(annotated.Value), LazyThreadSafetyMode.ExecutionAndPublication);
            start.RegisterSymbolAction(symbolContext => CoverageChecks.Analyze(symbolContext, coverage), SymbolKind.Method);

            // Cached reads the PostgreSQL change feed cannot cover (CG0032): only in a project that uses the feed.
            if (ChangeFeedChecks.IsOn(compilation, start.Options.AnalyzerConfigOptionsProvider.GlobalOptions))
            {
                start.RegisterSymbolAction(symbolContext => ChangeFeedChecks.Analyze(symbolContext, coverage), SymbolKind.Method);
            }

            // DI registrations of annotated repositories: the order against AddCachingGen(), registrations by class.
            var registrations = new RegistrationChecks(settings.Enabled);
            start.RegisterOperationAction(registrations.Analyze, OperationKind.Invocation);

            // Uses of annotated methods that nothing caches: delegates, expression trees, interceptors off.
            var uses = new UseChecks(settings);
            start.RegisterOperationAction(uses.AnalyzeInvocation, OperationKind.Invocation);
            start.RegisterOperationAction(uses.AnalyzeMethodReference, OperationKind.MethodReference);
            start.RegisterCompilationEndAction(registrations.End);
        });
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, Lazy<CachedKeyIndex> index, bool interceptors)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (!AttributeNames.IsAnnotated(method))
        {
            return;
        }

        var sink = new DiagnosticSink();
        new RepositoryParser(sink, context.CancellationToken, interceptors).ParseMethod(method);
        if (!sink.HasErrors)
        {
            new CrossMethodChecks(index.Value, sink, context.CancellationToken).Run(method);
        }

        Report(context, sink);
    }

    private static void AnalyzeType(SymbolAnalysisContext context, bool interceptors)
    {
        var type = (INamedTypeSymbol)context.Symbol;

        // An annotated interface member is reported once, on the member (CG0007): "only classes can be decorated"
        // on the interface would only add a second, vaguer message about the same attribute.
        if (type.TypeKind == TypeKind.Interface || !type.GetMembers().OfType<IMethodSymbol>().Any(AttributeNames.IsAnnotated))
        {
            return;
        }

        var sink = new DiagnosticSink();
        new RepositoryParser(sink, context.CancellationToken, interceptors).CheckShell(type);
        Report(context, sink);
    }

    private static void Report(SymbolAnalysisContext context, DiagnosticSink sink)
    {
        foreach (var diagnostic in sink.Diagnostics)
        {
            context.ReportDiagnostic(diagnostic);
        }
    }
}
