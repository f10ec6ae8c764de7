using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CachingGen.Generator.Analyzers;
using CachingGen.Generator.Model;
using CachingGen.Generator.Parsing;
using CachingGen.Generator.Sql;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Coverage;

/// <summary>Reads one class declaration into the manifest's models: null when it is not a repository class.</summary>
internal static class CoverageParser
{
    /// <summary>A quick syntactic test: some method of the class has an attribute.</summary>
    public static bool MayBeRepository(SyntaxNode node)
        => node is ClassDeclarationSyntax type && type.Members.Any(m => m is MethodDeclarationSyntax { AttributeLists.Count: > 0 });

    public static EquatableArray<CoverageMethodModel>? Parse(ClassDeclarationSyntax declaration, SemanticModel model, CancellationToken cancellationToken)
    {
        // An abstract class is not decorated (CG0008): nothing of it is cached as written, so nothing of it is listed.
        if (model.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol { IsAbstract: false } type
            || !type.GetMembers().OfType<IMethodSymbol>().Any(AttributeNames.IsAnnotated))
        {
            return null;
        }

        // As the analyzer does (CoverageIndex): a private helper's SQL counts for the methods of the class that call it.
        var declared = declaration.Members.OfType<MethodDeclarationSyntax>()
            .Select(m => (Syntax: m, Symbol: model.GetDeclaredSymbol(m, cancellationToken) as IMethodSymbol))
            .Where(m => m.Symbol is not null)
            .ToList();
        var helpers = declared.Where(m => m.Symbol!.DeclaredAccessibility == Accessibility.Private
            && (m.Syntax.Body ?? (SyntaxNode?)m.Syntax.ExpressionBody) is { } body && SqlSites.MayRunSql(body)).ToList();
        var calls = new Dictionary<IMethodSymbol, List<(MethodDeclarationSyntax Syntax, IMethodSymbol? Symbol)>>(SymbolEqualityComparer.Default);
        foreach (var (syntax, symbol) in declared)
        {
            calls[symbol!] = helpers.Count == 0 ? [] : helpers.Where(h => !SymbolEqualityComparer.Default.Equals(h.Symbol, symbol) && syntax.DescendantNodes().OfType<InvocationExpressionSyntax>()
                .Any(i => (i.Expression is IdentifierNameSyntax id && id.Identifier.ValueText == h.Symbol!.Name || i.Expression is MemberAccessExpressionSyntax member && member.Name.Identifier.ValueText == h.Symbol!.Name)
                    && SymbolEqualityComparer.Default.Equals((model.GetSymbolInfo(i, cancellationToken).Symbol as IMethodSymbol)?.OriginalDefinition, h.Symbol))).ToList();
        }

        var delegated = new HashSet<IMethodSymbol>(calls.Values.SelectMany(h => h).Select(h => h.Symbol!), SymbolEqualityComparer.Default);

        var methods = new List<CoverageMethodModel>();
        foreach (var (syntax, symbol) in declared)
        {
            var method = symbol!;
            if (delegated.Contains(method))
            {
                continue;
            }

            var sql = Analyze(syntax, model, cancellationToken);
            foreach (var helper in calls[method])
            {
                sql = SqlTableSet.Union(sql, Analyze(helper.Syntax, model, cancellationToken));
            }

            var declaredReads = CoverageIndex.DeclaredTables(method, TableAttribute.Reads).ToList();
            var declaredWrites = CoverageIndex.DeclaredTables(method, TableAttribute.Writes).ToList();
            if (declaredReads.Count > 0 || declaredWrites.Count > 0)
            {
                sql = new SqlTableSet(
                    (sql?.Reads ?? default).Concat(declaredReads).Distinct().OrderBy(t => t, System.StringComparer.Ordinal).ToArray(),
                    (sql?.Writes ?? default).Concat(declaredWrites).Distinct().OrderBy(t => t, System.StringComparer.Ordinal).ToArray(),
                    sql?.Unknown) { Inserts = sql?.Inserts ?? default };
            }

            var cached = method.GetAttributes().FirstOrDefault(AttributeNames.IsCached);
            var invalidates = method.GetAttributes().Where(AttributeNames.IsInvalidates).Select(a => AttributeArguments.InvalidatesKey(a).Text).OfType<string>().ToEquatableArray();
            if (cached is null && invalidates.Count == 0 && sql is null)
            {
                continue;
            }

            methods.Add(new CoverageMethodModel(
                type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat) + "." + method.Name,
                method.Name,
                cached is null ? null : AttributeArguments.CachedKey(cached).Text,
                cached is null ? null : AttributeArguments.CachedTtl(cached).Text,
                cached is null ? null : ReturnShape.Of(method).ResultType?.ToDisplayString(SymbolFormats.Short),
                invalidates,
                sql,
                sql is { Inserts.Count: > 0 } ? Names(method) : default));
        }

        return methods.ToEquatableArray();
    }

    private static SqlTableSet? Analyze(MethodDeclarationSyntax syntax, SemanticModel model, CancellationToken cancellationToken)
        => (syntax.Body ?? (SyntaxNode?)syntax.ExpressionBody) is { } body ? SqlSites.Analyze(body, model, cancellationToken) : null;

    private static EquatableArray<string> Names(IMethodSymbol method)
        => method.Parameters.Select(p => p.Name)
            .Concat(method.Parameters.SelectMany(p => p.Type.GetMembers().Where(m => !m.IsStatic && m.DeclaredAccessibility == Accessibility.Public && m is IPropertySymbol or IFieldSymbol).Select(m => p.Name + "." + m.Name)))
            .ToEquatableArray();
}
