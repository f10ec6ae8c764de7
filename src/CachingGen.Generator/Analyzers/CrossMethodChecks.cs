using System;
using System.Collections.Generic;
using System.Threading;
using CachingGen.Generator.Diagnostics;
using CachingGen.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace CachingGen.Generator.Analyzers;

/// <summary>
/// Checks that compare one method's templates with every <c>[Cached]</c> key in the compilation: an
/// invalidation that can never remove anything (CG0015), and two result types reading each other's
/// entries (CG0016). Both are silent at run time, which is why they are worth a compile-time check.
/// </summary>
internal static class CrossMethodChecks
{
    public static void Run(IMethodSymbol method, KnownTypes known, CachedKeyIndex index, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        // Only messages need the display name; most methods report nothing.
        var name = new Lazy<string>(() => method.ToDisplayString(SymbolFormats.Short));
        foreach (var attribute in method.GetAttributes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (known.IsInvalidates(attribute))
            {
                CheckInvalidation(attribute, name, index, diagnostics, cancellationToken);
            }
            else if (known.IsCached(attribute))
            {
                CheckCollisions(method, attribute, name, known, index, diagnostics, cancellationToken);
            }
        }
    }

    private static void CheckInvalidation(AttributeData attribute, Lazy<string> name, CachedKeyIndex index, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var text = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string : null;
        if (index.Shape(text) is not { } shape)
        {
            return;
        }

        foreach (var entry in index.Candidates(shape))
        {
            if (KeyShape.Overlaps(entry.Shape, shape))
            {
                return;
            }
        }

        // Only now, for a template that matches nothing, is the "did you mean" search worth its cost.
        string? closest = null;
        var closestDistance = int.MaxValue;
        foreach (var entry in index.Entries)
        {
            var distance = EditDistance.Between(entry.Shape.Text, shape.Text);
            if (distance < closestDistance)
            {
                closest = entry.Shape.Text;
                closestDistance = distance;
            }
        }

        var hint = closest is null
            ? "; no method in this project is [Cached]"
            : $"; the closest [Cached] key is \"{closest}\" (literal text and placeholder positions must line up)";
        diagnostics.Add(Diagnostic.Create(
            DiagnosticDescriptors.InvalidationNeverMatches,
            AttributeArgumentLocator.Argument(attribute, "key", 0, cancellationToken),
            text,
            name.Value,
            hint));
    }

    private static void CheckCollisions(IMethodSymbol method, AttributeData attribute, Lazy<string> name, KnownTypes known, CachedKeyIndex index, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var text = attribute.ConstructorArguments.Length > 1 ? attribute.ConstructorArguments[1].Value as string : null;
        RepositoryParser.ClassifyReturn(method, known, out var resultType);
        if (index.Shape(text) is not { IsPrefix: false } shape || resultType is null)
        {
            return;
        }

        foreach (var entry in index.Candidates(shape))
        {
            // Shapes first (the index only offers keys whose literal head agrees): comparing constructed result
            // types symbol by symbol is what made this check expensive.
            if (!KeyShape.Overlaps(entry.Shape, shape)
                || SymbolEqualityComparer.Default.Equals(entry.Method, method)
                || entry.ResultType is not { } entryResultType
                || SymbolEqualityComparer.Default.Equals(entryResultType, resultType))
            {
                continue;
            }

            diagnostics.Add(Diagnostic.Create(
                DiagnosticDescriptors.KeyShapeCollision,
                AttributeArgumentLocator.Argument(attribute, "key", 1, cancellationToken),
                text,
                name.Value,
                entry.Shape.Text,
                entry.Method.ToDisplayString(SymbolFormats.Short),
                entryResultType.ToDisplayString(SymbolFormats.Short),
                resultType.ToDisplayString(SymbolFormats.Short)));

            // One collision is enough to act on; listing every partner would bury the message.
            return;
        }
    }
}
