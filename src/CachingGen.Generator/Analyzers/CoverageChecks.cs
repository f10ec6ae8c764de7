using CachingGen.Generator.Coverage;
using CachingGen.Generator.Parsing;
using CachingGen.Generator.Sql;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CachingGen.Generator.Analyzers;

/// <summary>
/// CG0029: a method whose SQL writes a table some <c>[Cached]</c> method reads, and whose <c>[Invalidates]</c> cannot remove
/// any of that read's keys; CG0030: a <c>[ReadsTable]</c>/<c>[WritesTable]</c> name that cannot be a table.
/// </summary>
internal static class CoverageChecks
{
    public static void Analyze(SymbolAnalysisContext context, Lazy<CoverageIndex> index)
    {
        var method = (IMethodSymbol)context.Symbol;
        foreach (var attribute in method.GetAttributes())
        {
            if ((TypeNames.Is(attribute.AttributeClass, "CachingGen", "ReadsTableAttribute") || TypeNames.Is(attribute.AttributeClass, "CachingGen", "WritesTableAttribute"))
                && attribute.ConstructorArguments.Length == 1 && TableNames.Problem(attribute.ConstructorArguments[0].Value as string) is { } problem)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidTableName, AttributeArgumentLocator.Argument(attribute, "table", 0, context.CancellationToken), attribute.ConstructorArguments[0].Value as string ?? string.Empty, problem));
            }
        }

        // Only a method of a repository class can be a writer: any other method (most of a project) needs no index.
        if (method.MethodKind != MethodKind.Ordinary || !CoverageIndex.IsRepository(method.ContainingType)
            || AttributeNames.HasCached(method) || !index.Value.TryGetWriter(method, out var writer))
        {
            return;
        }

        foreach (var read in index.Value.ReadsSharingATable(writer))
        {
            if (CoverageJudge.Judge(read.Tables, writer.Tables, read.Template, writer.Names, out var table) != CoverageEffect.Changes
                || writer.Invalidates.Any(shape => KeyShape.Overlaps(read.Shape, shape)))
            {
                continue;
            }

            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(DiagnosticProperties.ReadTemplate, read.Template)
                .Add(DiagnosticProperties.ReadMethod, read.MethodName);
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.WriteNotInvalidating,
                method.Locations.FirstOrDefault(),
                properties,
                method.Name,
                table,
                read.TypeId == SymbolFormats.Qualified(method.ContainingType) ? read.MethodName : read.TypeName + "." + read.MethodName,
                "`" + read.Template + "`"));
        }
    }
}
