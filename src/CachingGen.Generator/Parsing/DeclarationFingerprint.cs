using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Parsing;

/// <summary>
/// A hash of what one file declares to the others: every token outside method, accessor, constructor and local
/// function bodies and outside top-level statements. What a call in one file binds to depends only on its own text
/// and on the declarations of the rest of the compilation (a body in another file can change no binding here), so
/// a file's scan stays valid while the fingerprints of all files and the references are the same.
/// </summary>
internal static class DeclarationFingerprint
{
    // A tree never changes, so its hash is computed once; an edit makes a new tree.
    private static readonly ConditionalWeakTable<SyntaxTree, Box> s_hashes = new();

    public static ulong Of(SyntaxTree tree, CancellationToken cancellationToken)
        => s_hashes.GetValue(tree, t => new Box(Compute(t, cancellationToken))).Hash;

    private static ulong Compute(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var hash = StableHash.Start64;
        var root = tree.GetRoot(cancellationToken);

        // Directives (#nullable, #if) change what the declarations mean: a signature's nullability, what is compiled.
        for (var directive = root.GetFirstDirective(); directive is not null; directive = directive.GetNextDirective())
        {
            hash = StableHash.Mix(hash, directive.ToString());
        }

        foreach (var token in root.DescendantTokens(static node => !IsBody(node)))
        {
            hash = StableHash.Mix(StableHash.Mix(hash, (ulong)token.RawKind), token.ValueText);
        }

        return hash;
    }

    /// <summary>Code whose text no other file can see: the bodies of members and local functions, top-level statements.</summary>
    private static bool IsBody(SyntaxNode node) => node switch
    {
        GlobalStatementSyntax => true,
        BlockSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax } => true,
        ArrowExpressionClauseSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or PropertyDeclarationSyntax or IndexerDeclarationSyntax } => true,
        _ => false,
    };

    private sealed class Box(ulong hash)
    {
        public ulong Hash { get; } = hash;
    }
}
