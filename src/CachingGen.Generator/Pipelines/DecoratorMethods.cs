using System;
using System.Linq;
using System.Threading;
using CachingGen.Generator.Model;
using CachingGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Pipelines;

/// <summary>
/// The decorator pipeline's first stage: every <c>[Cached]</c> and every <c>[Invalidates]</c> method as a model. Found
/// from syntax (a method whose attribute is written with one of the attributes' names or an alias of it), and parsed
/// against a <see cref="DeclarationSnapshot"/>: a method is parsed again only when its file's declarations move it or
/// any declaration of the compilation changes, never for a keystroke in a body (which re-ran every method's parse
/// when this was <c>ForAttributeWithMetadataName</c>, whose transform runs again on every new compilation).
/// </summary>
internal static class DecoratorMethods
{
    public static (IncrementalValuesProvider<MethodResult> Cached, IncrementalValuesProvider<MethodResult> Invalidating, IncrementalValueProvider<EquatableArray<string>> Names) Register(
        IncrementalGeneratorInitializationContext context, IncrementalValueProvider<DeclarationSnapshot> snapshot, Func<IMethodSymbol, CancellationToken, MethodResult> transform)
    {
        // `using Keep = CachingGen.CachedAttribute;` in any file (a global alias is seen in every file).
        var names = context.SyntaxProvider
            .CreateSyntaxProvider(static (node, _) => node is UsingDirectiveSyntax { Alias: not null, NamespaceOrType: NameSyntax }, static (c, _) => AttributeAlias.From((UsingDirectiveSyntax)c.Node))
            .Collect()
            .Select(static (aliases, _) => new AttributeSpellings(
                AttributeAlias.Spellings("Cached", aliases),
                AttributeAlias.Spellings("Invalidates", aliases)));

        var locators = context.SyntaxProvider
            .CreateSyntaxProvider(static (node, _) => MethodLocator.MayBeAnnotated(node), static (c, _) => MethodLocator.Create((MethodDeclarationSyntax)c.Node));

        var cached = Parsed(locators, names, snapshot, static spellings => spellings.Cached, AttributeNames.IsCached, transform, TrackingNames.CachedMethods);
        var invalidating = Parsed(locators, names, snapshot, static spellings => spellings.Invalidates, AttributeNames.IsInvalidates, transform, TrackingNames.InvalidatingMethods);
        // The names of the methods written with either attribute, from syntax alone: the call-site scan's filter, which a
        // keystroke leaves unchanged (a superset of the annotated methods' names, which the scan then checks).
        var methodNames = locators.Combine(names)
            .Where(static pair => pair.Left.Names(pair.Right.Cached) || pair.Left.Names(pair.Right.Invalidates))
            .Select(static (pair, _) => pair.Left.Name)
            .Collect()
            .Select(static (all, _) => all.Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray());
        return (cached, invalidating, methodNames);
    }

    /// <summary>The methods written with one attribute's spellings, parsed against the snapshot.</summary>
    private static IncrementalValuesProvider<MethodResult> Parsed(
        IncrementalValuesProvider<MethodLocator> locators,
        IncrementalValueProvider<AttributeSpellings> names,
        IncrementalValueProvider<DeclarationSnapshot> snapshot,
        Func<AttributeSpellings, EquatableArray<string>> spellings,
        Func<AttributeData, bool> carries,
        Func<IMethodSymbol, CancellationToken, MethodResult> transform,
        string trackingName)
    {
        // Each method's model is kept across declaration changes that cannot alter it (one per stream and driver).
        var reuse = new DecoratorMethodReuse();
        return locators.Combine(names)
            .Where(pair => pair.Left.Names(spellings(pair.Right)))
            .Select(static (pair, _) => pair.Left)
            .Combine(snapshot)
            .Select((pair, ct) => reuse.Get(pair.Left, pair.Right, () => Parse(pair.Left, pair.Right, carries, transform, ct)))
            .WithTrackingName(trackingName);
    }

    private static (MethodResult Result, IMethodSymbol? Method) Parse(
        MethodLocator locator,
        DeclarationSnapshot snapshot,
        Func<AttributeData, bool> carries,
        Func<IMethodSymbol, CancellationToken, MethodResult> transform,
        CancellationToken cancellationToken)
    {
        IMethodSymbol? method;
        try
        {
            method = locator.Resolve(snapshot, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Never take the build down, never fail silently: the method cannot be found, so it is said where it is.
            return (new MethodResult(null, null, null, new GeneratorFailure(locator.Container + locator.Name, ex.GetType().Name, ex.Message, null)), null);
        }

        // Written with the attribute's name, but not CachingGen's attribute (another library's [Cached]): not ours.
        return method is not null && method.GetAttributes().Any(carries) ? (transform(method, cancellationToken), method) : (new MethodResult(null, null, null), null);
    }

    /// <summary>The names each attribute is written with in this compilation: its own two, and its aliases.</summary>
    private readonly record struct AttributeSpellings(EquatableArray<string> Cached, EquatableArray<string> Invalidates);
}
