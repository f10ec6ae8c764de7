using CachingGen.Generator.Parsing;
using CachingGen.Generator.Sql;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CachingGen.Generator.Analyzers;

/// <summary>
/// CG0032: in a project whose cache the PostgreSQL change feed keeps fresh, a <c>[Cached]</c> read whose tables the SQL
/// analysis cannot all see. The feed invalidates a read when a row of a table it reads changes, from the manifest's
/// <c>reads</c>; a table missing there is a write (from any process) the read never hears of. The code fix offers
/// <c>[ReadsTable]</c> for each table the class's other methods read or write.
/// </summary>
internal static class ChangeFeedChecks
{
    /// <summary>The MSBuild property that turns the check on without a reference to the feed's package.</summary>
    public const string Property = "build_property.CachingGenChangeFeed";

    /// <summary>The runtime package that reads the change feed: referencing it means the project uses the feed.</summary>
    public const string FeedAssembly = "CachingGen.Postgres";

    public static bool IsOn(Compilation compilation, AnalyzerConfigOptions options)
        => (options.TryGetValue(Property, out var value) && string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
            || compilation.ReferencedAssemblyNames.Any(a => string.Equals(a.Name, FeedAssembly, StringComparison.Ordinal));

    public static void Analyze(SymbolAnalysisContext context, Lazy<CoverageIndex> index)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (method.MethodKind != MethodKind.Ordinary || method.GetAttributes().FirstOrDefault(AttributeNames.IsCached) is not { } cached
            || method.GetAttributes().Any(a => TypeNames.Is(a.AttributeClass, "CachingGen", "ReadsTableAttribute"))
            || !CoverageIndex.IsRepository(method.ContainingType) || !index.Value.TryGetTables(method, out var tables))
        {
            return;
        }

        var reason = tables is null ? "no SQL the analysis can read was found in its body (another data source, or SQL passed in)" : tables.Unknown;
        if (reason is null)
        {
            return;
        }

        var candidates = Candidates(method, tables, index.Value);
        var properties = candidates.Count == 0
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.CandidateTables, string.Join(DiagnosticProperties.TableSeparator, candidates));
        var location = cached.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? method.Locations.FirstOrDefault();
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ChangeFeedCannotSee, location, properties, method.Name, reason));
    }

    /// <summary>
    /// The tables the class's other methods read or write (the read's own known reads left out), as <c>[ReadsTable]</c>
    /// writes them: plain when that reads back as the table, else quoted (the name keeps its case); a name that would
    /// not read back as the same table either way is left out.
    /// </summary>
    private static List<string> Candidates(IMethodSymbol method, SqlTableSet? own, CoverageIndex index)
    {
        var tables = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var other in method.ContainingType.GetMembers().OfType<IMethodSymbol>())
        {
            if (!SymbolEqualityComparer.Default.Equals(other, method) && index.TryGetTables(other, out var set) && set is not null)
            {
                tables.UnionWith(set.Reads.Concat(set.Writes).Concat(set.Inserts));
            }
        }

        tables.ExceptWith(own?.Reads ?? default);
        return tables
            .Select(t => (Table: t, Written: TableNames.Normalize(t) == t ? t : "\"" + t + "\""))
            .Where(t => TableNames.Normalize(t.Written) == t.Table && !t.Written.Contains(DiagnosticProperties.TableSeparator))
            .Select(t => t.Written)
            .ToList();
    }
}
