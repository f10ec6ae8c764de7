using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Sql;

/// <summary>
/// Which method parameter each SQL parameter of a call holds, to turn a text's WHERE bindings into the method's: through
/// Dapper's anonymous object (<c>new { id = userId }</c>, <c>new { userId }</c>), or, for an ADO.NET command, the body's
/// <c>Parameters.AddWithValue("@id", userId)</c> and <c>new NpgsqlParameter("id", userId)</c>. Names compare without
/// case (as Dapper and the providers match them). A value that is not a parameter of the method, a parameter the body
/// assigns, or a name given two values maps to nothing, and a binding that maps to nothing is dropped: coarse
/// invalidation is correct, a wrong binding is a stale read.
/// </summary>
internal sealed class SqlParameterMap(SyntaxNode body, SemanticModel model, IMethodSymbol? method, CancellationToken cancellationToken)
{
    private Dictionary<string, string?>? _commands;
    private HashSet<string>? _assigned;

    /// <summary><paramref name="tables"/> with its bindings named by the method's parameters (<paramref name="values"/>: Dapper's <c>param</c>; <paramref name="command"/>: an ADO.NET command's text).</summary>
    public SqlTableSet Map(SqlTableSet tables, ExpressionSyntax? values, bool command)
    {
        if (tables.Bindings.Count == 0)
        {
            return tables;
        }

        var names = command ? _commands ??= Commands() : Anonymous(values);
        var mapped = tables.Bindings.Select(b => names.TryGetValue(b.Parameter, out var parameter) && parameter is not null ? b with { Parameter = parameter } : null).OfType<SqlBinding>();
        return tables with { Bindings = Model.EquatableArrayExtensions.ToEquatableArray(SqlBinding.Sorted(mapped)) };
    }

    private Dictionary<string, string?> Anonymous(ExpressionSyntax? values)
    {
        var names = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (values is AnonymousObjectCreationExpressionSyntax anonymous)
        {
            foreach (var member in anonymous.Initializers)
            {
                var name = member.NameEquals?.Name.Identifier.ValueText ?? (member.Expression as IdentifierNameSyntax)?.Identifier.ValueText;
                if (name is not null)
                {
                    Add(names, name, member.Expression);
                }
            }
        }

        return names;
    }

    private Dictionary<string, string?> Commands()
    {
        var names = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in body.DescendantNodes())
        {
            var arguments = node switch
            {
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AddWithValue" } } call => call.ArgumentList.Arguments,
                ObjectCreationExpressionSyntax { Type: var type, ArgumentList: { } list } when LastName(type)?.EndsWith("Parameter", StringComparison.Ordinal) == true => list.Arguments,
                _ => default,
            };
            if (arguments.Count == 2 && model.GetConstantValue(arguments[0].Expression, cancellationToken).Value is string name && name.Length > 0)
            {
                Add(names, name[0] is '@' or ':' ? name.Substring(1) : name, arguments[1].Expression);
            }
        }

        return names;
    }

    /// <summary>Maps <paramref name="name"/> to the method parameter <paramref name="value"/> is; a second value for one name makes it map to nothing.</summary>
    private void Add(Dictionary<string, string?> names, string name, ExpressionSyntax value)
    {
        var parameter = value is IdentifierNameSyntax identifier
            && model.GetSymbolInfo(identifier, cancellationToken).Symbol is IParameterSymbol symbol
            && SymbolEqualityComparer.Default.Equals(symbol.ContainingSymbol, method)
            && !Assigned().Contains(symbol.Name) ? symbol.Name : null;
        names[name] = names.TryGetValue(name, out var earlier) && earlier != parameter ? null : parameter;
    }

    /// <summary>The names the body assigns, increments or passes by ref/out: such a parameter may not hold its argument when the SQL runs.</summary>
    private HashSet<string> Assigned()
    {
        if (_assigned is not null)
        {
            return _assigned;
        }

        _assigned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in body.DescendantNodes())
        {
            var target = node switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left,
                PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression) => prefix.Operand,
                PostfixUnaryExpressionSyntax postfix => postfix.Operand,
                ArgumentSyntax { RefKindKeyword.RawKind: not (int)SyntaxKind.None } argument => argument.Expression,
                _ => null,
            };
            // (a, b) = …: each of a and b.
            var targets = target is TupleExpressionSyntax tuple ? tuple.Arguments.Select(a => a.Expression) : target is null ? [] : [target];
            foreach (var name in targets.OfType<IdentifierNameSyntax>())
            {
                _assigned.Add(name.Identifier.ValueText);
            }
        }

        return _assigned;
    }

    private static string? LastName(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => null,
    };
}
