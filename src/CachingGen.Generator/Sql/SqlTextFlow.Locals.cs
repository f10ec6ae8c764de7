using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Sql;

/// <summary>
/// Locals: the texts a local can hold where it is used. Its definitions (the initialiser, <c>x = …</c>) before the use
/// count, except those a later assignment in a block around the use replaces for certain; each is followed by the
/// <c>x += …</c> after it (one that may not run gives both texts). A <c>StringBuilder</c> is its constructor's text and
/// every <c>Append</c>/<c>AppendLine</c>/<c>AppendFormat</c> before the use, in order. A local passed by <c>ref</c>/<c>out</c>,
/// or a builder used any other way, is unknown. Loops are not followed: a definition after the use in a loop is not seen.
/// </summary>
internal sealed partial class SqlTextFlow
{
    private SqlTexts Local(ILocalSymbol local, ExpressionSyntax use, int depth)
    {
        if (Declarator(local) is not { } declarator)
        {
            return Unknown(use);
        }

        var plain = new List<(int Position, ExpressionSyntax Value, SyntaxNode Node)>();
        var appends = new List<(int Position, ExpressionSyntax Value, SyntaxNode Node)>();
        if (declarator.Initializer is { Value: var initial })
        {
            plain.Add((declarator.SpanStart, initial, declarator));
        }

        foreach (var reference in References(local, use))
        {
            // sql = sql + "…": the use is inside its own assignment, which gives the value before it.
            if (reference.Parent is AssignmentExpressionSyntax own && own.Span.Contains(use.Span))
            {
                continue;
            }

            switch (reference.Parent)
            {
                case AssignmentExpressionSyntax assignment when assignment.Left == reference && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression):
                    plain.Add((assignment.SpanStart, assignment.Right, assignment));
                    break;
                case AssignmentExpressionSyntax assignment when assignment.Left == reference && assignment.IsKind(SyntaxKind.AddAssignmentExpression):
                    appends.Add((assignment.SpanStart, assignment.Right, assignment));
                    break;
                case AssignmentExpressionSyntax assignment when assignment.Left == reference:
                case ArgumentSyntax { RefKindKeyword.RawKind: not (int)SyntaxKind.None }:
                    return Unknown(use);
            }
        }

        // A definition is replaced when a later one runs for certain before the use.
        var live = plain.Where(d => !plain.Any(later => later.Position > d.Position && Certain(later.Node, use))).ToList();
        if (live.Count == 0)
        {
            return Unknown(use);
        }

        SqlTexts? result = null;
        foreach (var definition in live)
        {
            var texts = Evaluate(definition.Value, model, depth + 1);
            foreach (var append in appends.Where(a => a.Position > definition.Position).OrderBy(a => a.Position))
            {
                var longer = SqlTexts.Concat(texts, Evaluate(append.Value, model, depth + 1));
                texts = Certain(append.Node, use) ? longer : SqlTexts.Union(texts, longer);
            }

            result = result is null ? texts : SqlTexts.Union(result, texts);
        }

        return result!;
    }

    private SqlTexts Builder(ILocalSymbol builder, InvocationExpressionSyntax use, int depth)
    {
        if (Declarator(builder) is not { Initializer.Value: BaseObjectCreationExpressionSyntax creation })
        {
            return Unknown(use);
        }

        // new StringBuilder(), new StringBuilder("text"), new StringBuilder(capacity).
        var first = creation.ArgumentList?.Arguments.FirstOrDefault()?.Expression;
        var texts = first is null || model.GetTypeInfo(first, cancellationToken).Type?.SpecialType != SpecialType.System_String ? SqlTexts.Of(string.Empty) : Evaluate(first, model, depth + 1);
        foreach (var reference in References(builder, use))
        {
            // sb.Append(a).Append(b): each call in the chain, innermost first.
            SyntaxNode node = reference;
            while (node.Parent is MemberAccessExpressionSyntax member && member.Expression == node && member.Parent is InvocationExpressionSyntax call)
            {
                var name = member.Name.Identifier.ValueText;
                var arguments = call.ArgumentList.Arguments.Select(a => a.Expression).ToList();
                SqlTexts? part = name switch
                {
                    "Append" when arguments.Count == 1 => Evaluate(arguments[0], model, depth + 1),
                    "AppendLine" when arguments.Count == 0 => SqlTexts.Of("\n"),
                    "AppendLine" when arguments.Count == 1 => SqlTexts.Concat(Evaluate(arguments[0], model, depth + 1), SqlTexts.Of("\n")),
                    "AppendFormat" => Format(arguments, model, depth),
                    "ToString" or "Length" => SqlTexts.Of(string.Empty),
                    _ => null,
                };
                if (part is null)
                {
                    return Unknown(use);
                }

                texts = SqlTexts.Concat(texts, part);
                node = call;
            }

            if (node == reference && !(reference.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" }))
            {
                // Passed along, assigned, or a member other than the appends: what it holds cannot be followed.
                return Unknown(use);
            }
        }

        return texts;
    }

    private VariableDeclaratorSyntax? Declarator(ILocalSymbol local)
        => local.DeclaringSyntaxReferences.Length == 1 && local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax declarator
            && body.Span.Contains(declarator.Span) ? declarator : null;

    /// <summary>The names in the body that refer to <paramref name="local"/> before <paramref name="use"/>, in order.</summary>
    private IEnumerable<IdentifierNameSyntax> References(ILocalSymbol local, SyntaxNode use)
        => body.DescendantNodes(n => n.SpanStart < use.SpanStart)
            .OfType<IdentifierNameSyntax>()
            .Where(n => n.SpanStart < use.SpanStart && !use.Span.Contains(n.Span) && n.Identifier.ValueText == local.Name
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(n, cancellationToken).Symbol, local));

    /// <summary>Whether <paramref name="definition"/> runs for certain before <paramref name="use"/>: a statement of a block around the use, not in a lambda.</summary>
    private static bool Certain(SyntaxNode definition, SyntaxNode use)
    {
        if (definition is VariableDeclaratorSyntax)
        {
            return true;
        }

        return definition.Parent is ExpressionStatementSyntax { Parent: BlockSyntax block }
            && block.Span.Contains(use.Span)
            && definition.SpanStart < use.SpanStart
            && !use.Ancestors().TakeWhile(a => a != block).Any(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax);
    }
}
