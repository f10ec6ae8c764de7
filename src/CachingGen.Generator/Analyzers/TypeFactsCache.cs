using System.Runtime.CompilerServices;
using CachingGen.Generator.Hashing;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Analyzers;

/// <summary>
/// <see cref="TypeFacts"/> kept across compilations. In an editor each keystroke makes a new compilation, and reading
/// every repository type again (resolving 2,000 methods and binding their attributes) cost about 0.1 s of each edit to a
/// declaration in the realistic 2,000-method project. A type's facts are kept while the files of all its parts are the
/// same trees, and the declarations are the same for what those parts spell (<see cref="CompilationBindings.SameFor"/>
/// over their simple names and the words of their strings: a key's member path, a <c>nameof</c>), under the same options
/// and references (in the stamp's shape), as <see cref="BodyTablesCache"/> keeps a body's tables.
/// The command line builds a new compilation of new trees every time, so nothing here outlives a build.
/// </summary>
internal static class TypeFactsCache
{
    private static readonly ConditionalWeakTable<SyntaxNode, Entry> s_entries = new();

    /// <summary>The facts of the type <paramref name="declaration"/> declares (null: not a type with CachingGen attributes).</summary>
    public static TypeFacts? Get(TypeDeclarationSyntax declaration, Compilation compilation, Func<SyntaxTree, SemanticModel> models, CompilationBindings stamp, CancellationToken cancellationToken)
    {
        var entry = s_entries.GetValue(declaration, static _ => new Entry());
        var known = Volatile.Read(ref entry.Known);
        if (known is not null && known.Trees.All(compilation.ContainsSyntaxTree) && stamp.SameFor(known.Bindings, known.Names))
        {
            // Kept under the current bindings, so that the old ones can be collected.
            Volatile.Write(ref entry.Known, known with { Bindings = stamp });
            return known.Facts;
        }

        if (models(declaration.SyntaxTree).GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type)
        {
            return null;
        }

        var facts = TypeFacts.Read(type, models, stamp, cancellationToken);
        var parts = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).ToList();
        var names = parts.SelectMany(CompilationBindings.SpelledNames).Distinct(StringComparer.Ordinal).ToArray();

        // The files of its parts, and of its parameters' types: the values a writer can name keys with are their members.
        var trees = parts.Select(p => p.SyntaxTree)
            .Concat(type.GetMembers().OfType<IMethodSymbol>().SelectMany(m => m.Parameters).SelectMany(p => p.Type.DeclaringSyntaxReferences).Select(r => r.SyntaxTree))
            .Distinct()
            .ToArray();
        Volatile.Write(ref entry.Known, new Known(stamp, names, trees, facts));
        return facts;
    }

    private sealed class Entry
    {
        public Known? Known;
    }

    private sealed record Known(CompilationBindings Bindings, string[] Names, SyntaxTree[] Trees, TypeFacts? Facts);
}
