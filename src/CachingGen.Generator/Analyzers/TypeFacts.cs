using CachingGen.Generator.Coverage;
using CachingGen.Generator.Hashing;
using CachingGen.Generator.Parsing;
using CachingGen.Generator.Sql;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Analyzers;

/// <summary>
/// What the compilation-wide checks need from one type whose methods carry CachingGen attributes, as data that holds no
/// symbol (so it can be kept across compilations, <see cref="TypeFactsCache"/>): its <c>[Cached]</c> keys for CG0015 and
/// CG0016 (<see cref="CachedKeyIndex"/>), and, for a class or struct, what each method's SQL touches and what it
/// invalidates for CG0029 and CG0032 (<see cref="CoverageIndex"/>). Methods are named by their declaration node, which
/// stays the same object while their file does not change.
/// </summary>
/// <param name="First">The type's first declaration: one set of facts per type, however many of its parts ask.</param>
/// <param name="Id">The type's fully qualified name (two file-local types can share it).</param>
/// <param name="Keys">Each non-prefix <c>[Cached]</c> key of its methods, in declaration order.</param>
/// <param name="Reads">Its cached methods whose tables are known (a class or struct's only).</param>
/// <param name="Writers">Its methods that write tables, by declaration.</param>
/// <param name="Tables">What each of its ordinary methods touches (null: no SQL found), by declaration; helpers left out.</param>
internal sealed record TypeFacts(
    SyntaxNode First,
    string Id,
    IReadOnlyList<TypeFacts.CachedKey> Keys,
    IReadOnlyList<CoverageIndex.Read> Reads,
    IReadOnlyDictionary<SyntaxNode, CoverageIndex.Writer> Writers,
    IReadOnlyDictionary<SyntaxNode, SqlTableSet?> Tables)
{
    /// <summary>The declaration a method's facts are filed under (its first part).</summary>
    public static SyntaxNode? Node(IMethodSymbol method, CancellationToken cancellationToken)
        => method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken);

    /// <summary>The facts of <paramref name="type"/>; null when none of its methods (outside generated files) carries a CachingGen attribute.</summary>
    public static TypeFacts? Read(INamedTypeSymbol type, Func<SyntaxTree, SemanticModel> models, CompilationBindings stamp, CancellationToken cancellationToken)
    {
        var annotated = type.GetMembers().OfType<IMethodSymbol>()
            .Where(m => Node(m, cancellationToken) is { } node && !AnnotatedTypes.IsGenerated(node.SyntaxTree, cancellationToken) && AnnotatedTypes.HasCachingGenAttribute(m))
            .ToList();
        if (annotated.Count == 0)
        {
            return null;
        }

        var keys = new List<CachedKey>();
        foreach (var method in annotated)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var attribute in method.GetAttributes())
            {
                if (AttributeNames.IsCached(attribute) && KeyShape.TryCreate(AttributeArguments.CachedKey(attribute).Text) is { IsPrefix: false } shape)
                {
                    keys.Add(new CachedKey(Node(method, cancellationToken)!, shape, CachedKeyIndex.TypedShape(method, shape.Text) ?? shape, method.ToDisplayString(SymbolFormats.Short)));
                }
            }
        }

        var reads = new List<CoverageIndex.Read>();
        var writers = new Dictionary<SyntaxNode, CoverageIndex.Writer>();
        var tables = new Dictionary<SyntaxNode, SqlTableSet?>();
        if (type.TypeKind is TypeKind.Class or TypeKind.Struct)
        {
            var methods = type.GetMembers().OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToList();
            foreach (var method in CoverageBuilder.Build(methods, m => Body(m, models, stamp, cancellationToken)))
            {
                if (Node(method.Method, cancellationToken) is not { } node)
                {
                    continue;
                }

                tables[node] = method.Tables;
                if (method.Method.GetAttributes().FirstOrDefault(AttributeNames.IsCached) is { } cached)
                {
                    if (AttributeArguments.CachedKey(cached).Text is { } template && KeyShape.TryCreate(template) is { } shape && method.Tables is { Reads.Count: > 0 } read)
                    {
                        reads.Add(new CoverageIndex.Read(method.Method.Name, type.Name, SymbolFormats.Qualified(type), template, shape, read));
                    }

                    continue;
                }

                if (method.Tables is { } written && (written.Writes.Count > 0 || written.Inserts.Count > 0))
                {
                    var invalidates = method.Method.GetAttributes().Where(AttributeNames.IsInvalidates)
                        .Select(a => KeyShape.TryCreate(AttributeArguments.InvalidatesKey(a).Text))
                        .OfType<KeyShape>()
                        .ToList();
                    writers[node] = new CoverageIndex.Writer(written, method.Names, invalidates);
                }
            }
        }

        return new TypeFacts(type.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken), SymbolFormats.Qualified(type), keys, reads, writers, tables);
    }

    private static BodySql? Body(IMethodSymbol method, Func<SyntaxTree, SemanticModel> models, CompilationBindings stamp, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration && (declaration.Body ?? (SyntaxNode?)declaration.ExpressionBody) is { } body)
            {
                // A partial method has one body: its implementation.
                return BodyTablesCache.Analyze(body, models(declaration.SyntaxTree), stamp, cancellationToken);
            }
        }

        return null;
    }

    /// <summary>One <c>[Cached]</c> key: the method's declaration, the key's shape with and without its placeholders' types, and the method's name as messages show it.</summary>
    internal sealed record CachedKey(SyntaxNode Method, KeyShape Shape, KeyShape TypedShape, string Display);
}
