using System;
using System.Linq;
using System.Text;
using System.Threading;
using CachingGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Pipelines;

/// <summary>
/// Where a method with attributes is declared, from syntax alone: its file, the namespaces and types around it, its
/// name and which of the same-named methods there it is, the names its attributes are written with, and their text
/// (arguments included, on the method and its parameters). Nothing in it moves when a body is edited, so the step that
/// turns it into a model is not asked again for a keystroke; editing a key or a TTL changes this method's locator only.
/// </summary>
/// <param name="Current">The file the locator was read from, outside equality: where the attribute's current text is
/// read when the snapshot's compilation holds an older text of it (see <see cref="Resolve"/>).</param>
internal sealed record MethodLocator(string FilePath, string Container, string Name, int Ordinal, EquatableArray<string> AttributeNames, string AttributeText, OutsideEquality<SyntaxTree> Current)
{
    public static bool MayBeAnnotated(SyntaxNode node) => node is MethodDeclarationSyntax { AttributeLists.Count: > 0 };

    public static MethodLocator Create(MethodDeclarationSyntax method)
        => new(
            method.SyntaxTree.FilePath,
            ContainerOf(method),
            method.Identifier.ValueText,
            OrdinalOf(method),
            method.AttributeLists.SelectMany(l => l.Attributes).Select(a => LastName(a.Name)).ToEquatableArray(),
            AttributeTextOf(method),
            new OutsideEquality<SyntaxTree>(method.SyntaxTree));

    /// <summary>Whether one of the attributes is written as one of <paramref name="names"/> (a name, its short form, or an alias).</summary>
    public bool Names(EquatableArray<string> names) => AttributeNames.Any(n => names.Items.Contains(n));

    /// <summary>
    /// The method in <paramref name="snapshot"/>'s compilation, or null when it is not there. The snapshot leaves
    /// attribute arguments out, so its compilation may hold an older text of this file whose attributes differ (nothing
    /// else can differ outside bodies, or the snapshot would have changed): then the method is read from that compilation
    /// with the file replaced by its current text.
    /// </summary>
    public IMethodSymbol? Resolve(DeclarationSnapshot snapshot, CancellationToken cancellationToken)
    {
        foreach (var tree in snapshot.Trees(FilePath))
        {
            if (Find(tree, cancellationToken) is not { } method)
            {
                continue;
            }

            if (AttributeTextOf(method) == AttributeText || Current.Value is not { } current || Find(current, cancellationToken) is not { } edited)
            {
                return snapshot.Compilation.GetSemanticModel(tree).GetDeclaredSymbol(method, cancellationToken) as IMethodSymbol;
            }

            var compilation = ReferenceEquals(tree, current) ? snapshot.Compilation : snapshot.Compilation.ReplaceSyntaxTree(tree, current);
            return compilation.GetSemanticModel(current).GetDeclaredSymbol(edited, cancellationToken) as IMethodSymbol;
        }

        return null;
    }

    private MethodDeclarationSyntax? Find(SyntaxTree tree, CancellationToken cancellationToken)
    {
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(static n => n is not (BlockSyntax or ArrowExpressionClauseSyntax or ExpressionSyntax)))
        {
            if (node is MethodDeclarationSyntax method && method.Identifier.ValueText == Name && OrdinalOf(method) == Ordinal
                && ContainerOf(method) == Container)
            {
                return method;
            }
        }

        return null;
    }

    /// <summary>The text of the method's attribute lists and its parameters' (where a key, a TTL or a policy is written).</summary>
    private static string AttributeTextOf(MethodDeclarationSyntax method)
    {
        var text = new StringBuilder();
        foreach (var list in method.AttributeLists)
        {
            text.Append(list.ToString()).Append('\n');
        }

        foreach (var parameter in method.ParameterList.Parameters)
        {
            foreach (var list in parameter.AttributeLists)
            {
                text.Append(list.ToString());
            }

            text.Append('|');
        }

        return text.ToString();
    }

    /// <summary>The namespaces and types around <paramref name="node"/>, outermost first (<c>App/Outer`0/</c>).</summary>
    public static string ContainerOf(SyntaxNode node)
    {
        var text = new StringBuilder();
        for (var parent = node.Parent; parent is not null; parent = parent.Parent)
        {
            switch (parent)
            {
                case BaseNamespaceDeclarationSyntax ns:
                    text.Insert(0, ns.Name + "/");
                    break;
                case TypeDeclarationSyntax type:
                    text.Insert(0, type.Identifier.ValueText + "`" + (type.TypeParameterList?.Parameters.Count ?? 0) + "/");
                    break;
            }
        }

        return text.ToString();
    }

    private static int OrdinalOf(MethodDeclarationSyntax method)
    {
        var ordinal = 0;
        foreach (var member in method.Parent?.ChildNodes() ?? [])
        {
            if (member == method)
            {
                return ordinal;
            }

            if (member is MethodDeclarationSyntax other && other.Identifier.ValueText == method.Identifier.ValueText)
            {
                ordinal++;
            }
        }

        return ordinal;
    }

    /// <summary>The last identifier of an attribute's or an alias target's name (<c>CachingGen.Cached</c> → <c>Cached</c>).</summary>
    public static string LastName(NameSyntax name) => name switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => string.Empty,
    };
}
