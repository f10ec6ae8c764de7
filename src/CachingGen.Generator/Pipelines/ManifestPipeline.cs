using System;
using System.Linq;
using System.Threading;
using CachingGen.Generator.Coverage;
using CachingGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Pipelines;

/// <summary>
/// The cache manifest: per repository class (a class with an attribute on a method), its methods' tables and
/// attributes; then one JSON for the assembly (<see cref="ManifestBuilder"/>). A class is read again when its file's
/// text changes, or a declaration of the compilation does that it may depend on (<see cref="DeclarationSnapshot"/>,
/// then <see cref="ManifestClassReuse"/>), not for a keystroke in another file: a syntax provider's transform alone
/// would run again for every class on every edit.
/// </summary>
internal static class ManifestPipeline
{
    public static void Register(IncrementalGeneratorInitializationContext context, GeneratorHooks hooks, IncrementalValueProvider<DeclarationSnapshot> snapshot)
    {
        // Owned by this registration (one generator driver): what each class gave, while nothing it spells changed.
        var reuse = new ManifestClassReuse();
        var classes = context.SyntaxProvider
            .CreateSyntaxProvider(static (node, _) => CoverageParser.MayBeRepository(node), static (c, ct) => ClassLocator.Create((ClassDeclarationSyntax)c.Node, ct))
            .Combine(snapshot)
            .Select((pair, ct) => reuse.Get(pair.Left, pair.Right, () => Parse(pair.Left, pair.Right, hooks, ct)))
            .Where(static models => models is not null)
            .Select(static (models, _) => models!.Value)
            .WithTrackingName(TrackingNames.CoverageClasses);
        var manifest = classes.Collect()
            .Combine(context.CompilationProvider.Select(static (compilation, _) => compilation.AssemblyName ?? string.Empty))
            .Select(static (pair, _) => pair.Left.IsEmpty ? null : ManifestBuilder.Build(pair.Right, pair.Left.SelectMany(m => m)))
            .WithTrackingName(TrackingNames.Manifest);
        context.RegisterSourceOutput(manifest, static (spc, json) =>
        {
            if (json is not null)
            {
                spc.AddSource(ManifestEmitter.HintName, ManifestEmitter.Emit(json));
            }
        });
    }

    /// <summary>A class's manifest models; a failure is written into the manifest as the class's unknown, never thrown.</summary>
    private static (EquatableArray<CoverageMethodModel>? Models, SyntaxNode? Declaration) Parse(ClassLocator locator, DeclarationSnapshot snapshot, GeneratorHooks hooks, CancellationToken cancellationToken)
    {
        try
        {
            hooks.ReadingManifestClass?.Invoke(locator.Name);
            return locator.Resolve(snapshot, cancellationToken) is { } found ? (CoverageParser.Parse(found.Declaration, found.Model, cancellationToken), found.Declaration) : (null, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not kept: the next run tries again.
            return (new[] { new CoverageMethodModel(locator.Name, locator.Name, null, null, null, default, new Sql.SqlTableSet(Array.Empty<string>(), Array.Empty<string>(), $"the analysis of this class failed ({ex.GetType().Name}: {ex.Message}); please report it"), default) }.ToEquatableArray(), null);
        }
    }
}
