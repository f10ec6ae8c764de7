using CachingGen.Generator.Coverage;
using CachingGen.Generator.Sql;

namespace CachingGen.Generator.Analyzers;

/// <summary>
/// The tables of the compilation's repository classes (classes with a CachingGen attribute on a method): what each
/// <c>[Cached]</c> method reads, what every other method writes (<see cref="CoverageBuilder"/>, shared with the
/// manifest), and the key templates each can invalidate. Gathered once per compilation, on first use, from the types'
/// <see cref="TypeFacts"/> (kept across compilations while nothing they depend on changed).
/// </summary>
internal sealed class CoverageIndex
{
    private readonly List<Read> _reads;
    private readonly ReadsByTable _byTable;
    private readonly Dictionary<SyntaxNode, Writer> _writers = [];
    private readonly Dictionary<SyntaxNode, SqlTableSet?> _tables = [];

    private CoverageIndex(AnnotatedTypes types)
    {
        _reads = types.Types.SelectMany(t => t.Reads).ToList();
        _byTable = new ReadsByTable(_reads.Select(r => r.Tables));
        foreach (var type in types.Types)
        {
            foreach (var writer in type.Writers)
            {
                _writers[writer.Key] = writer.Value;
            }

            foreach (var tables in type.Tables)
            {
                _tables[tables.Key] = tables.Value;
            }
        }
    }

    public static CoverageIndex Build(AnnotatedTypes types) => new(types);

    /// <summary>The cached methods whose tables are known and that read a table <paramref name="writer"/> writes or inserts into, in the index's order.</summary>
    public IEnumerable<Read> ReadsSharingATable(Writer writer) => _byTable.For(writer.Tables).Select(i => _reads[i]);

    /// <summary>Whether <paramref name="type"/> is a repository class: one the index reads (a method with a CachingGen attribute).</summary>
    public static bool IsRepository(INamedTypeSymbol? type)
        => type is { TypeKind: TypeKind.Class or TypeKind.Struct }
            && type.GetMembers().Any(m => m is IMethodSymbol method && AnnotatedTypes.HasCachingGenAttribute(method));

    public bool TryGetWriter(IMethodSymbol method, out Writer writer)
    {
        writer = null!;
        return TypeFacts.Node(method, CancellationToken.None) is { } node && _writers.TryGetValue(node, out writer!);
    }

    /// <summary>What <paramref name="method"/> touches (null: no SQL found), when it is a method of a repository class the index read (not a helper whose SQL is its callers').</summary>
    public bool TryGetTables(IMethodSymbol method, out SqlTableSet? tables)
    {
        tables = null;
        return TypeFacts.Node(method, CancellationToken.None) is { } node && _tables.TryGetValue(node, out tables);
    }

    /// <summary>A cached read whose SQL (or <c>[ReadsTable]</c>) names tables: its method's name, its type's name and fully qualified name, its key.</summary>
    internal sealed record Read(string MethodName, string TypeName, string TypeId, string Template, KeyShape Shape, SqlTableSet Tables);

    /// <summary>A method that writes tables, the values it can name keys with, and the templates its <c>[Invalidates]</c> remove.</summary>
    internal sealed record Writer(SqlTableSet Tables, IReadOnlyList<string> Names, List<KeyShape> Invalidates);
}
