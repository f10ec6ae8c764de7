using CachingGen.Generator.Parsing;
using CachingGen.Generator.Sql;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Coverage;

/// <summary>Reads one class declaration into the manifest's models (through <see cref="CoverageBuilder"/>, as the analyzer does): null when it is not a repository class.</summary>
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

        // The methods of this declaration only: another part of a partial class is read with its own file.
        var declared = declaration.Members.OfType<MethodDeclarationSyntax>()
            .Select(m => (Syntax: m, Symbol: model.GetDeclaredSymbol(m, cancellationToken) as IMethodSymbol))
            .Where(m => m.Symbol is not null)
            .GroupBy(m => m.Symbol!, SymbolEqualityComparer.Default)
            .ToDictionary(g => g.Key, g => g.First().Syntax, SymbolEqualityComparer.Default);
        var methods = CoverageBuilder.Build(
            declared.Keys.Cast<IMethodSymbol>().ToList(),
            m => (declared[m].Body ?? (SyntaxNode?)declared[m].ExpressionBody) is { } body ? SqlSites.Analyze(body, model, cancellationToken, bindings: true) : null);

        return methods.Select(m => Model(type, m)).OfType<CoverageMethodModel>().ToEquatableArray();
    }

    private static CoverageMethodModel? Model(INamedTypeSymbol type, CoverageMethod coverage)
    {
        var method = coverage.Method;
        var sql = coverage.Tables;
        var cached = method.GetAttributes().FirstOrDefault(AttributeNames.IsCached);
        var invalidates = method.GetAttributes().Where(AttributeNames.IsInvalidates).Select(a => AttributeArguments.InvalidatesKey(a).Text).OfType<string>().ToEquatableArray();
        if (cached is null && invalidates.Count == 0 && sql is null)
        {
            return null;
        }

        return new CoverageMethodModel(
            type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat) + "." + method.Name,
            method.Name,
            cached is null ? null : AttributeArguments.CachedKey(cached).Text,
            cached is null ? null : AttributeArguments.CachedTtl(cached).Text,
            cached is null ? null : ReturnShape.Of(method).ResultType?.ToDisplayString(SymbolFormats.Short),
            invalidates,
            sql,
            sql is { Inserts.Count: > 0 } ? coverage.Names.ToEquatableArray() : default)
        {
            Bindings = cached is null ? default : KeyBindings.Of(method, AttributeArguments.CachedKey(cached).Text, sql),
        };
    }
}
