using System.Runtime.CompilerServices;
using CachingGen.Generator.Hashing;
using CachingGen.Generator.Parsing;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Analyzers;

/// <summary>
/// The types of the compilation's own source whose methods carry a CachingGen attribute (<c>[Cached]</c>,
/// <c>[Invalidates]</c>, <c>[ReadsTable]</c>, <c>[WritesTable]</c>), as <see cref="TypeFacts"/>: what the
/// compilation-wide checks index. Found from syntax, not by walking every symbol: in an editor each keystroke makes a
/// new compilation, and a walk of the global namespace binds the attributes of every method, generated interceptors
/// included (thousands in a large project). Generated files are skipped; each file's attributed methods are read once
/// per syntax tree (an edit makes a new tree, so a keystroke reads one file again); a type's facts are kept across
/// compilations while nothing they depend on changed (<see cref="TypeFactsCache"/>), so an edit reads the types of the
/// edited file again, not all of them.
/// </summary>
internal sealed class AnnotatedTypes
{
    // The attribute names as written, with and without the suffix; an alias of one of them is added per compilation.
    private static readonly string[] s_names =
    [
        "Cached", "CachedAttribute", "Invalidates", "InvalidatesAttribute",
        "ReadsTable", "ReadsTableAttribute", "WritesTable", "WritesTableAttribute",
    ];

    // A tree never changes: what it declares is read once, whichever compilation asks.
    private static readonly ConditionalWeakTable<SyntaxTree, TreeFacts> s_trees = new();

    private AnnotatedTypes(List<TypeFacts> types) => Types = types;

    /// <summary>The types, in the order of their files in the compilation and of their declarations.</summary>
    public IReadOnlyList<TypeFacts> Types { get; }

    /// <summary>Whether <paramref name="tree"/> is generated code (read once per tree).</summary>
    public static bool IsGenerated(SyntaxTree tree, CancellationToken cancellationToken)
        => s_trees.GetValue(tree, t => TreeFacts.Read(t, cancellationToken)).Generated;

    public static AnnotatedTypes Find(Compilation compilation, CompilationBindings stamp, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(s_names, StringComparer.Ordinal);
        var trees = new List<TreeFacts>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var facts = s_trees.GetValue(tree, t => TreeFacts.Read(t, cancellationToken));
            if (facts.Generated)
            {
                continue;
            }

            // An alias (even a global one in another file) makes a new name for an attribute.
            foreach (var alias in facts.Aliases)
            {
                names.Add(alias);
                names.Add(alias + "Attribute");
            }

            trees.Add(facts);
        }

        // One semantic model per file for the whole look-up (it runs once per compilation, on one thread).
        var models = new Dictionary<SyntaxTree, SemanticModel>();
        SemanticModel Model(SyntaxTree tree) => models.TryGetValue(tree, out var model) ? model : models[tree] = compilation.GetSemanticModel(tree);

        var types = new List<TypeFacts>();
        var seen = new HashSet<SyntaxNode>();
        var asked = new HashSet<TypeDeclarationSyntax>();
        foreach (var facts in trees)
        {
            foreach (var (declaration, attributeNames) in facts.Methods)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!attributeNames.Any(names.Contains) || declaration.Parent is not TypeDeclarationSyntax type || !asked.Add(type))
                {
                    continue;
                }

                // A partial type is one type however many of its parts carry attributes.
                if (TypeFactsCache.Get(type, compilation, Model, stamp, cancellationToken) is { } found && seen.Add(found.First))
                {
                    types.Add(found);
                }
            }
        }

        return new AnnotatedTypes(types);
    }

    /// <summary>Whether <paramref name="method"/> carries <c>[Cached]</c>, <c>[Invalidates]</c>, <c>[ReadsTable]</c> or <c>[WritesTable]</c>.</summary>
    public static bool HasCachingGenAttribute(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (AttributeNames.IsCached(attribute) || AttributeNames.IsInvalidates(attribute)
                || TypeNames.Is(attribute.AttributeClass, "CachingGen", "ReadsTableAttribute")
                || TypeNames.Is(attribute.AttributeClass, "CachingGen", "WritesTableAttribute"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What one file declares that the index needs: its attributed methods and its attribute aliases.</summary>
    private sealed class TreeFacts(SyntaxTree tree, bool generated, List<(MethodDeclarationSyntax, string[])> methods, List<string> aliases)
    {
        public SyntaxTree Tree { get; } = tree;

        public bool Generated { get; } = generated;

        public List<(MethodDeclarationSyntax Declaration, string[] AttributeNames)> Methods { get; } = methods;

        /// <summary>Alias names whose target is one of CachingGen's attributes (by the target's last name).</summary>
        public List<string> Aliases { get; } = aliases;

        public static TreeFacts Read(SyntaxTree tree, CancellationToken cancellationToken)
        {
            var methods = new List<(MethodDeclarationSyntax, string[])>();
            var aliases = new List<string>();
            if (GeneratedFiles.IsGenerated(tree, cancellationToken))
            {
                return new TreeFacts(tree, generated: true, methods, aliases);
            }

            var root = tree.GetRoot(cancellationToken);
            foreach (var node in root.DescendantNodes(static n => n is not (BlockSyntax or ArrowExpressionClauseSyntax or ExpressionSyntax)))
            {
                switch (node)
                {
                    case MethodDeclarationSyntax { AttributeLists.Count: > 0 } method:
                        methods.Add((method, method.AttributeLists.SelectMany(l => l.Attributes).Select(a => LastName(a.Name)).ToArray()));
                        break;
                    case UsingDirectiveSyntax { Alias: { } alias, NamespaceOrType: NameSyntax target } when Array.IndexOf(s_names, LastName(target)) >= 0:
                        aliases.Add(alias.Name.Identifier.ValueText);
                        break;
                }
            }

            return new TreeFacts(tree, generated: false, methods, aliases);
        }

        private static string LastName(NameSyntax name) => name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => string.Empty,
        };
    }
}
