using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CachingGen.Generator.Model;
using CachingGen.Generator.Parsing;
using CachingGen.Generator.Sql;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Analyzers;

/// <summary>
/// The tables of the compilation's repository classes (classes with a CachingGen attribute on a method): what each
/// <c>[Cached]</c> method reads, what every other method writes (from its SQL, <c>[ReadsTable]</c> and
/// <c>[WritesTable]</c>), and the key templates each can invalidate. Built once per compilation, on first use.
/// </summary>
internal sealed class CoverageIndex
{
    private readonly Dictionary<IMethodSymbol, Writer> _writers;

    private CoverageIndex(List<Read> reads, Dictionary<IMethodSymbol, Writer> writers)
    {
        Reads = reads;
        _writers = writers;
    }

    /// <summary>Every cached method whose tables are known, with its key template.</summary>
    public List<Read> Reads { get; }

    public static CoverageIndex Build(Compilation compilation, AnnotatedMethods annotated, CancellationToken cancellationToken)
    {
        var reads = new List<Read>();
        var writers = new Dictionary<IMethodSymbol, Writer>(SymbolEqualityComparer.Default);
        var models = new Dictionary<SyntaxTree, SemanticModel>();

        // What was read from a body in an earlier compilation counts while nothing it binds to has changed.
        var stamp = BodyTablesCache.Stamp(compilation, cancellationToken);

        // The repository classes: those with a CachingGen attribute on a method (found from syntax, generated code skipped).
        foreach (var type in annotated.Types.Where(t => t.TypeKind is TypeKind.Class or TypeKind.Struct))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var methods = type.GetMembers().OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToList();

            // A private helper that runs the SQL for its callers: its writes are theirs, and so are the invalidations.
            var delegated = Delegated(methods, compilation, models, cancellationToken);
            var helperTables = new Dictionary<IMethodSymbol, SqlTableSet?>(SymbolEqualityComparer.Default);
            foreach (var method in methods)
            {
                if (delegated.ContainsKey(method))
                {
                    continue;
                }

                var sql = Sql(method, compilation, models, stamp, cancellationToken);
                foreach (var helper in delegated.Where(d => d.Value.Contains(method, SymbolEqualityComparer.Default)).Select(d => d.Key))
                {
                    // A helper with several callers is read once.
                    if (!helperTables.TryGetValue(helper, out var tables))
                    {
                        helperTables[helper] = tables = Sql(helper, compilation, models, stamp, cancellationToken);
                    }

                    sql = SqlTableSet.Union(sql, tables);
                }

                var readTables = (sql?.Reads ?? default).Concat(DeclaredTables(method, TableAttribute.Reads)).Distinct(StringComparer.Ordinal).ToList();
                var writeTables = (sql?.Writes ?? default).Concat(DeclaredTables(method, TableAttribute.Writes)).Distinct(StringComparer.Ordinal).ToList();
                var insertTables = (sql?.Inserts ?? default).Except(writeTables, StringComparer.Ordinal).ToList();
                var cached = method.GetAttributes().FirstOrDefault(AttributeNames.IsCached);
                if (cached is not null)
                {
                    if (AttributeArguments.CachedKey(cached).Text is { } template && KeyShape.TryCreate(template) is { } shape && readTables.Count > 0)
                    {
                        reads.Add(new Read(method, template, shape, readTables));
                    }

                    continue;
                }

                if (writeTables.Count > 0 || insertTables.Count > 0)
                {
                    var invalidates = method.GetAttributes().Where(AttributeNames.IsInvalidates)
                        .Select(a => KeyShape.TryCreate(AttributeArguments.InvalidatesKey(a).Text))
                        .OfType<KeyShape>()
                        .ToList();
                    writers[method] = new Writer(writeTables, insertTables, invalidates);
                }
            }
        }

        return new CoverageIndex(reads, writers);
    }

    /// <summary>Whether <paramref name="type"/> is a repository class: one the index reads (a method with a CachingGen attribute).</summary>
    public static bool IsRepository(INamedTypeSymbol? type)
        => type is { TypeKind: TypeKind.Class or TypeKind.Struct }
            && type.GetMembers().Any(m => m is IMethodSymbol method && AnnotatedMethods.HasCachingGenAttribute(method));

    public bool TryGetWriter(IMethodSymbol method, out Writer writer) => _writers.TryGetValue(method, out writer!);

    /// <summary>The table names a <c>[ReadsTable]</c>/<c>[WritesTable]</c> states on <paramref name="method"/>, normalised as the SQL's are.</summary>
    public static IEnumerable<string> DeclaredTables(IMethodSymbol method, TableAttribute kind)
        => method.GetAttributes()
            .Where(a => TypeNames.Is(a.AttributeClass, "CachingGen", kind == TableAttribute.Reads ? "ReadsTableAttribute" : "WritesTableAttribute"))
            .Select(a => a.ConstructorArguments.Length == 1 && a.ConstructorArguments[0].Value is string table ? TableNames.Normalize(table) : null)
            .OfType<string>();

    /// <summary>The private methods of the class that other methods of it call, with those callers.</summary>
    private static Dictionary<IMethodSymbol, List<IMethodSymbol>> Delegated(List<IMethodSymbol> methods, Compilation compilation, Dictionary<SyntaxTree, SemanticModel> models, CancellationToken cancellationToken)
    {
        // Only a private method that runs SQL can be a helper that matters; most classes have none, and then no call is bound.
        var helpers = methods.Where(m => m.DeclaredAccessibility == Accessibility.Private && m.DeclaringSyntaxReferences.Any(r =>
            r.GetSyntax(cancellationToken) is MethodDeclarationSyntax d && (d.Body ?? (SyntaxNode?)d.ExpressionBody) is { } b && SqlSites.MayRunSql(b))).ToList();
        var callers = new Dictionary<IMethodSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);
        if (helpers.Count == 0)
        {
            return callers;
        }

        var names = new HashSet<string>(helpers.Select(h => h.Name), System.StringComparer.Ordinal);

        foreach (var method in methods)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is not MethodDeclarationSyntax declaration)
                {
                    continue;
                }

                var model = Model(declaration.SyntaxTree, compilation, models);
                foreach (var invocation in declaration.DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    var calledName = invocation.Expression switch
                    {
                        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                        _ => null,
                    };
                    if (calledName is not null && names.Contains(calledName)
                        && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol called
                        && helpers.FirstOrDefault(h => SymbolEqualityComparer.Default.Equals(h, called.OriginalDefinition)) is { } helper
                        && !SymbolEqualityComparer.Default.Equals(helper, method))
                    {
                        if (!callers.TryGetValue(helper, out var list))
                        {
                            callers[helper] = list = [];
                        }

                        list.Add(method);
                    }
                }
            }
        }

        return callers;
    }

    private static SemanticModel Model(SyntaxTree tree, Compilation compilation, Dictionary<SyntaxTree, SemanticModel> models)
    {
        if (!models.TryGetValue(tree, out var model))
        {
            model = compilation.GetSemanticModel(tree);
            models[tree] = model;
        }

        return model;
    }

    private static SqlTableSet? Sql(IMethodSymbol method, Compilation compilation, Dictionary<SyntaxTree, SemanticModel> models, ulong stamp, CancellationToken cancellationToken)
    {
        SqlTableSet? result = null;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not MethodDeclarationSyntax { } declaration || (declaration.Body ?? (SyntaxNode?)declaration.ExpressionBody) is not { } body)
            {
                continue;
            }

            var model = Model(declaration.SyntaxTree, compilation, models);
            var found = BodyTablesCache.Analyze(body, model, stamp, cancellationToken);
            result = SqlTableSet.Union(result, found);
        }

        return result;
    }

    /// <summary>A cached read whose SQL (or <c>[ReadsTable]</c>) names tables.</summary>
    internal sealed record Read(IMethodSymbol Method, string Template, KeyShape Shape, List<string> Tables);

    /// <summary>A method that writes tables, and the templates its <c>[Invalidates]</c> remove.</summary>
    /// <remarks>
    /// An insert only adds rows: it changes a keyed read only for keys its own values can name (a list of the user it
    /// inserts for), not a read by an id the database generates for the new row, which nothing can have cached but a miss.
    /// </remarks>
    internal sealed record Writer(List<string> Tables, List<string> InsertTables, List<KeyShape> Invalidates);
}
