using CachingGen.Generator.Coverage;
using CachingGen.Generator.Hashing;
using CachingGen.Generator.Parsing;
using CachingGen.Generator.Sql;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Analyzers;

/// <summary>
/// The tables of the compilation's repository classes (classes with a CachingGen attribute on a method): what each
/// <c>[Cached]</c> method reads, what every other method writes (<see cref="CoverageBuilder"/>, shared with the
/// manifest), and the key templates each can invalidate. Built once per compilation, on first use.
/// </summary>
internal sealed class CoverageIndex
{
    private readonly Dictionary<IMethodSymbol, Writer> _writers;
    private readonly Dictionary<IMethodSymbol, SqlTableSet?> _tables;

    private readonly List<Read> _reads;
    private readonly ReadsByTable _byTable;

    private CoverageIndex(List<Read> reads, Dictionary<IMethodSymbol, Writer> writers, Dictionary<IMethodSymbol, SqlTableSet?> tables)
    {
        _reads = reads;
        _byTable = new ReadsByTable(reads.Select(r => r.Tables));
        _writers = writers;
        _tables = tables;
    }

    /// <summary>The cached methods whose tables are known and that read a table <paramref name="writer"/> writes or inserts into, in the index's order.</summary>
    public IEnumerable<Read> ReadsSharingATable(Writer writer) => _byTable.For(writer.Tables).Select(i => _reads[i]);

    public static CoverageIndex Build(Compilation compilation, AnnotatedMethods annotated, CancellationToken cancellationToken)
    {
        var reads = new List<Read>();
        var writers = new Dictionary<IMethodSymbol, Writer>(SymbolEqualityComparer.Default);
        var all = new Dictionary<IMethodSymbol, SqlTableSet?>(SymbolEqualityComparer.Default);
        var models = new Dictionary<SyntaxTree, SemanticModel>();

        // What was read from a body in an earlier compilation counts while nothing it binds to has changed.
        var stamp = BodyTablesCache.Stamp(compilation, cancellationToken);

        // The repository classes: those with a CachingGen attribute on a method (found from syntax, generated code skipped).
        foreach (var type in annotated.Types.Where(t => t.TypeKind is TypeKind.Class or TypeKind.Struct))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var methods = type.GetMembers().OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToList();
            foreach (var method in CoverageBuilder.Build(methods, m => Body(m, compilation, models, stamp, cancellationToken)))
            {
                var tables = method.Tables;
                all[method.Method] = tables;
                var cached = method.Method.GetAttributes().FirstOrDefault(AttributeNames.IsCached);
                if (cached is not null)
                {
                    if (AttributeArguments.CachedKey(cached).Text is { } template && KeyShape.TryCreate(template) is { } shape && tables is { Reads.Count: > 0 })
                    {
                        reads.Add(new Read(method.Method, template, shape, tables));
                    }

                    continue;
                }

                if (tables is { } written && (written.Writes.Count > 0 || written.Inserts.Count > 0))
                {
                    var invalidates = method.Method.GetAttributes().Where(AttributeNames.IsInvalidates)
                        .Select(a => KeyShape.TryCreate(AttributeArguments.InvalidatesKey(a).Text))
                        .OfType<KeyShape>()
                        .ToList();
                    writers[method.Method] = new Writer(written, method.Names, invalidates);
                }
            }
        }

        return new CoverageIndex(reads, writers, all);
    }

    /// <summary>Whether <paramref name="type"/> is a repository class: one the index reads (a method with a CachingGen attribute).</summary>
    public static bool IsRepository(INamedTypeSymbol? type)
        => type is { TypeKind: TypeKind.Class or TypeKind.Struct }
            && type.GetMembers().Any(m => m is IMethodSymbol method && AnnotatedMethods.HasCachingGenAttribute(method));

    public bool TryGetWriter(IMethodSymbol method, out Writer writer) => _writers.TryGetValue(method, out writer!);

    /// <summary>What <paramref name="method"/> touches (null: no SQL found), when it is a method of a repository class the index read (not a helper whose SQL is its callers').</summary>
    public bool TryGetTables(IMethodSymbol method, out SqlTableSet? tables) => _tables.TryGetValue(method, out tables);

    private static BodySql? Body(IMethodSymbol method, Compilation compilation, Dictionary<SyntaxTree, SemanticModel> models, CompilationBindings stamp, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration && (declaration.Body ?? (SyntaxNode?)declaration.ExpressionBody) is { } body)
            {
                if (!models.TryGetValue(declaration.SyntaxTree, out var model))
                {
                    models[declaration.SyntaxTree] = model = compilation.GetSemanticModel(declaration.SyntaxTree);
                }

                // A partial method has one body: its implementation.
                return BodyTablesCache.Analyze(body, model, stamp, cancellationToken);
            }
        }

        return null;
    }

    /// <summary>A cached read whose SQL (or <c>[ReadsTable]</c>) names tables.</summary>
    internal sealed record Read(IMethodSymbol Method, string Template, KeyShape Shape, SqlTableSet Tables);

    /// <summary>A method that writes tables, the values it can name keys with, and the templates its <c>[Invalidates]</c> remove.</summary>
    internal sealed record Writer(SqlTableSet Tables, IReadOnlyList<string> Names, List<KeyShape> Invalidates);
}
