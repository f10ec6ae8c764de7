using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Pipelines;

/// <summary>
/// A class declaration found from syntax, with the text of its file: what the manifest reads from a class depends on
/// its bodies (their SQL) and on the compilation's declarations, so the text is part of its identity and a keystroke in
/// another file leaves it equal.
/// </summary>
internal sealed record ClassLocator(string FilePath, string Container, string Name, int Ordinal, string FileText)
{
    public static ClassLocator Create(ClassDeclarationSyntax type, CancellationToken cancellationToken)
        => new(type.SyntaxTree.FilePath, MethodLocator.ContainerOf(type), type.Identifier.ValueText, OrdinalOf(type), type.SyntaxTree.GetText(cancellationToken).ToString());

    /// <summary>
    /// The declaration and a semantic model for it: from <paramref name="snapshot"/>'s compilation when its file there has
    /// this text, or else from that compilation with the file replaced by this text (its declarations are the same, so
    /// only the bodies differ, which is what the model is asked about).
    /// </summary>
    public (ClassDeclarationSyntax Declaration, SemanticModel Model)? Resolve(DeclarationSnapshot snapshot, CancellationToken cancellationToken)
    {
        var candidates = snapshot.Trees(FilePath);
        var compilation = snapshot.Compilation;
        var tree = candidates.FirstOrDefault(t => t.GetText(cancellationToken).ToString() == FileText);
        if (tree is null)
        {
            var old = candidates.Count > 0 ? candidates[0] : null;
            tree = CSharpSyntaxTree.ParseText(FileText, (CSharpParseOptions?)old?.Options ?? (CSharpParseOptions?)compilation.SyntaxTrees.FirstOrDefault()?.Options, FilePath, cancellationToken: cancellationToken);
            compilation = old is null ? compilation.AddSyntaxTrees(tree) : compilation.ReplaceSyntaxTree(old, tree);
        }

        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(static n => n is not (BlockSyntax or ArrowExpressionClauseSyntax or ExpressionSyntax)))
        {
            if (node is ClassDeclarationSyntax type && type.Identifier.ValueText == Name && OrdinalOf(type) == Ordinal && MethodLocator.ContainerOf(type) == Container)
            {
                return (type, compilation.GetSemanticModel(tree));
            }
        }

        return null;
    }

    private static int OrdinalOf(ClassDeclarationSyntax type)
        => type.Parent?.ChildNodes().OfType<ClassDeclarationSyntax>().TakeWhile(t => t != type).Count(t => t.Identifier.ValueText == type.Identifier.ValueText) ?? 0;
}
