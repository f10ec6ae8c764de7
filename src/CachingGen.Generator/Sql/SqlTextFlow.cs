using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Sql;

/// <summary>
/// The texts a SQL expression can hold, followed through constants within a method and its class: literals, consts,
/// <c>+</c>, interpolation and <c>string.Format</c>/<c>string.Concat</c> of constants, <c>?:</c> and <c>switch</c>
/// choices, <c>readonly</c> fields and get-only properties with a constant initialiser, locals (<see cref="Local"/>) and
/// <c>StringBuilder</c>s fed only constants (<see cref="Builder"/>). Anything that depends on a run-time value is
/// unknown, with its reason; a parameter of the method is reported as such, for its callers to fill in.
/// </summary>
internal sealed partial class SqlTextFlow(SyntaxNode body, SemanticModel model, CancellationToken cancellationToken)
{
    private const int MaxDepth = 8;

    public SqlTexts Evaluate(ExpressionSyntax expression) => Evaluate(expression, model, 0);

    private SqlTexts Evaluate(ExpressionSyntax expression, SemanticModel semantic, int depth)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (depth > MaxDepth)
        {
            return SqlTexts.Unknown("its text goes through too many steps");
        }

        var constant = semantic.GetConstantValue(expression, cancellationToken);
        if (constant.HasValue)
        {
            return constant.Value is { } value ? SqlTexts.Of(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty) : SqlTexts.Unknown("it is null");
        }

        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Evaluate(parenthesized.Expression, semantic, depth);
            case ConditionalExpressionSyntax conditional:
                return SqlTexts.Union(Evaluate(conditional.WhenTrue, semantic, depth + 1), Evaluate(conditional.WhenFalse, semantic, depth + 1));
            case SwitchExpressionSyntax @switch when @switch.Arms.Count > 0:
                return @switch.Arms.Select(a => Evaluate(a.Expression, semantic, depth + 1)).Aggregate(SqlTexts.Union);
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                return SqlTexts.Concat(Evaluate(binary.Left, semantic, depth + 1), Evaluate(binary.Right, semantic, depth + 1));
            case InterpolatedStringExpressionSyntax interpolated:
                return Interpolation(interpolated, semantic, depth);
            case InvocationExpressionSyntax invocation:
                return Call(invocation, semantic, depth);
            case IdentifierNameSyntax or MemberAccessExpressionSyntax:
                return Symbol(expression, semantic, depth);
            default:
                return Unknown(expression);
        }
    }

    private SqlTexts Interpolation(InterpolatedStringExpressionSyntax interpolated, SemanticModel semantic, int depth)
    {
        var texts = SqlTexts.Of(string.Empty);
        foreach (var content in interpolated.Contents)
        {
            var part = content switch
            {
                InterpolatedStringTextSyntax text => SqlTexts.Of(text.TextToken.ValueText),
                InterpolationSyntax { AlignmentClause: null, FormatClause: null } hole => Evaluate(hole.Expression, semantic, depth + 1),
                _ => Unknown(interpolated),
            };
            texts = SqlTexts.Concat(texts, part);
        }

        return texts;
    }

    private SqlTexts Symbol(ExpressionSyntax expression, SemanticModel semantic, int depth)
    {
        switch (semantic.GetSymbolInfo(expression, cancellationToken).Symbol)
        {
            case ILocalSymbol local when semantic == model:
                return Local(local, expression, depth);
            case IParameterSymbol parameter when semantic == model:
                return SqlTexts.FromParameter(parameter.Name);
            case IFieldSymbol { IsReadOnly: true } field:
                // A readonly field's initialiser (static or not); a constructor that assigns it again is not followed.
                return Initializer(field, f => (f as VariableDeclaratorSyntax)?.Initializer?.Value, depth, anyFile: true) ?? Unknown(expression);
            case IPropertySymbol { SetMethod: null } property:
                // A getter is a body: the analyzer keeps a body's tables while other files' declarations stay the same,
                // and another file's getter is not part of them, so only a property of this file is followed.
                return Initializer(property, p => p is PropertyDeclarationSyntax d ? d.ExpressionBody?.Expression ?? d.Initializer?.Value ?? GetterExpression(d) : null, depth, anyFile: false) ?? Unknown(expression);
            default:
                return Unknown(expression);
        }
    }

    private static ExpressionSyntax? GetterExpression(PropertyDeclarationSyntax property)
        => property.AccessorList?.Accessors.FirstOrDefault(a => a.IsKind(SyntaxKind.GetAccessorDeclaration)) is { } getter
            ? getter.ExpressionBody?.Expression ?? (getter.Body?.Statements.Count == 1 && getter.Body.Statements[0] is ReturnStatementSyntax { Expression: { } returned } ? returned : null)
            : null;

    /// <summary>The texts of the expression that defines <paramref name="member"/>, read with its own tree's model.</summary>
    private SqlTexts? Initializer(ISymbol member, Func<SyntaxNode, ExpressionSyntax?> definition, int depth, bool anyFile)
    {
        if (member.DeclaringSyntaxReferences.Length != 1 || definition(member.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken)) is not { } value
            || !model.Compilation.ContainsSyntaxTree(value.SyntaxTree) || (!anyFile && value.SyntaxTree != model.SyntaxTree))
        {
            return null;
        }

        var semantic = value.SyntaxTree == model.SyntaxTree ? model : model.Compilation.GetSemanticModel(value.SyntaxTree);
        return Evaluate(value, semantic, depth + 1);
    }

    private SqlTexts Call(InvocationExpressionSyntax invocation, SemanticModel semantic, int depth)
    {
        if (semantic.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method)
        {
            return Unknown(invocation);
        }

        var arguments = invocation.ArgumentList.Arguments;
        if (method.ContainingType.SpecialType == SpecialType.System_String && method.IsStatic)
        {
            var values = arguments.Select(a => a.Expression).ToList();
            if (method.Name == "Concat" && method.Parameters.All(p => p.Type.SpecialType is SpecialType.System_String or SpecialType.System_Object))
            {
                return values.Select(v => Evaluate(v, semantic, depth + 1)).Aggregate(SqlTexts.Of(string.Empty), SqlTexts.Concat);
            }

            if (method.Name == "Format" && values.Count > 0)
            {
                return Format(method.Parameters[0].Type.SpecialType == SpecialType.System_String ? values : values.Skip(1).ToList(), semantic, depth);
            }
        }

        if (method.Name == "ToString" && arguments.Count == 0 && invocation.Expression is MemberAccessExpressionSyntax { Expression: var receiver })
        {
            if (method.ContainingType.SpecialType == SpecialType.System_String)
            {
                return Evaluate(receiver, semantic, depth + 1);
            }

            if (method.ContainingType.Name == "StringBuilder" && semantic == model && semantic.GetSymbolInfo(receiver, cancellationToken).Symbol is ILocalSymbol builder)
            {
                return Builder(builder, invocation, depth);
            }
        }

        return Unknown(invocation);
    }

    /// <summary>string.Format of a constant format and constant arguments, for every combination of their texts.</summary>
    private SqlTexts Format(System.Collections.Generic.List<ExpressionSyntax> values, SemanticModel semantic, int depth)
    {
        if (values.Count == 0)
        {
            return SqlTexts.Unknown("its string.Format has no format");
        }

        var parts = values.Select(v => Evaluate(v, semantic, depth + 1)).ToList();
        if (parts.FirstOrDefault(p => p.Texts is null) is { } unknown)
        {
            return SqlTexts.Unknown(unknown.Reason ?? "an argument of string.Format is not constant");
        }

        var combinations = parts.Aggregate(new[] { Array.Empty<string>() }.AsEnumerable(), (all, part) => all.SelectMany(c => part.Texts!.Select(t => c.Concat([t]).ToArray()))).Take(SqlTexts.Limit + 1).ToList();
        var texts = new System.Collections.Generic.List<string>();
        foreach (var combination in combinations)
        {
            try
            {
                texts.Add(string.Format(CultureInfo.InvariantCulture, combination[0], combination.Skip(1).Cast<object>().ToArray()));
            }
            catch (FormatException)
            {
                return SqlTexts.Unknown("its string.Format does not match its arguments");
            }
        }

        return combinations.Count > SqlTexts.Limit ? SqlTexts.Unknown($"it can hold more than {SqlTexts.Limit} different texts") : SqlTexts.Of([.. texts]);
    }

    private static SqlTexts Unknown(ExpressionSyntax expression)
    {
        var text = expression.ToString();
        return SqlTexts.Unknown($"its SQL '{(text.Length <= 40 ? text : text.Substring(0, 37) + "…")}' is not a constant string, so its tables cannot be read");
    }
}
