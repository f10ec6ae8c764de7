using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CachingGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Sql;

/// <summary>
/// Finds the SQL a method body runs: the <c>sql</c> argument of Dapper's extension methods (or the command text of a
/// <c>CommandDefinition</c> passed to them), the first argument of <c>new NpgsqlCommand(…)</c>/<c>NpgsqlBatchCommand</c>
/// (and other ADO.NET commands), and assignments to <c>CommandText</c>. The text counts when it is a constant (a
/// literal, a <c>const</c>, a raw string, an interpolated string of constants, <c>nameof</c>) or a <c>static readonly</c>
/// field initialised with one; anything else is SQL the analysis cannot read, reported as such.
/// </summary>
internal static class SqlSites
{
    private static readonly HashSet<string> CommandTypes = new(StringComparer.Ordinal)
    {
        "NpgsqlCommand", "NpgsqlBatchCommand", "SqlCommand", "SqliteCommand", "MySqlCommand", "OracleCommand", "CommandDefinition",
    };

    /// <summary>What <paramref name="body"/> reads and writes, all its SQL together; null when it runs no SQL that was found.</summary>
    public static SqlTableSet? Analyze(SyntaxNode body, SemanticModel model, CancellationToken cancellationToken)
    {
        // Most method bodies run no SQL: a pass over their tokens, without the semantic model, says so.
        if (!MayRunSql(body))
        {
            return null;
        }

        var reads = new SortedSet<string>(StringComparer.Ordinal);
        var writes = new SortedSet<string>(StringComparer.Ordinal);
        var inserts = new SortedSet<string>(StringComparer.Ordinal);
        string? unknown = null;
        var found = false;
        foreach (var expression in SqlExpressions(body, model, cancellationToken))
        {
            found = true;
            var text = ConstantText(expression, model, cancellationToken);
            if (text is null)
            {
                unknown ??= $"its SQL '{Shorten(expression.ToString())}' is not a constant string, so its tables cannot be read";
                continue;
            }

            var tables = SqlTables.Analyze(text);
            reads.UnionWith(tables.Reads);
            writes.UnionWith(tables.Writes);
            inserts.UnionWith(tables.Inserts);
            unknown ??= tables.Unknown;
        }

        inserts.ExceptWith(writes);
        return found ? new SqlTableSet(reads.ToArray(), writes.ToArray(), unknown) { Inserts = inserts.ToArray().ToEquatableArray() } : null;
    }

    /// <summary>Whether <paramref name="body"/> names anything that can run SQL: Query*/Execute* methods, *Command types, CommandText.</summary>
    public static bool MayRunSql(SyntaxNode body)
    {
        foreach (var token in body.DescendantTokens())
        {
            // A command created with new(…) is run with an Execute* method, which this finds.
            if (token.RawKind == (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.IdentifierToken)
            {
                var text = token.ValueText;
                if (text.StartsWith("Query", StringComparison.Ordinal) || text.StartsWith("Execute", StringComparison.Ordinal)
                    || text.EndsWith("Command", StringComparison.Ordinal) || text is "CommandText" or "CommandDefinition")
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static IEnumerable<ExpressionSyntax> SqlExpressions(SyntaxNode body, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var node in body.DescendantNodes())
        {
            switch (node)
            {
                case InvocationExpressionSyntax invocation when IsDapperName(invocation):
                    if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method && method.ContainingType?.Name == "SqlMapper")
                    {
                        var argument = Argument(invocation.ArgumentList, method, "sql") ?? Argument(invocation.ArgumentList, method, "command");
                        if (argument is not null && !IsCommandCreation(argument))
                        {
                            yield return argument;
                        }
                    }

                    break;
                case BaseObjectCreationExpressionSyntax creation when creation.ArgumentList is { Arguments.Count: > 0 } arguments && MayBeCommand(creation):
                    if (model.GetTypeInfo(creation, cancellationToken).Type is { } type && CommandTypes.Contains(type.Name))
                    {
                        var first = arguments.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText is "commandText" or "cmdText") ?? arguments.Arguments[0];
                        if (first.NameColon is null || first.NameColon.Name.Identifier.ValueText is "commandText" or "cmdText")
                        {
                            yield return first.Expression;
                        }
                    }

                    break;
                case AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CommandText" } } assignment:
                    yield return assignment.Right;
                    break;
                case InitializerExpressionSyntax initializer:
                    foreach (var set in initializer.Expressions.OfType<AssignmentExpressionSyntax>())
                    {
                        if (set.Left is IdentifierNameSyntax { Identifier.ValueText: "CommandText" })
                        {
                            yield return set.Right;
                        }
                    }

                    break;
            }
        }
    }

    // new NpgsqlCommand(…) by its written name; new(…) only from its type, which needs the model.
    private static bool MayBeCommand(BaseObjectCreationExpressionSyntax creation)
        => creation is not ObjectCreationExpressionSyntax { Type: var type }
            || (type is QualifiedNameSyntax qualified ? qualified.Right.Identifier.ValueText : (type as IdentifierNameSyntax)?.Identifier.ValueText) is { } name && CommandTypes.Contains(name);

    private static bool IsDapperName(InvocationExpressionSyntax invocation)
    {
        var name = invocation.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            _ => string.Empty,
        };
        return name.StartsWith("Query", StringComparison.Ordinal) || name.StartsWith("Execute", StringComparison.Ordinal);
    }

    // new CommandDefinition(…) passed as the command: its text is found when the creation itself is visited.
    private static bool IsCommandCreation(ExpressionSyntax expression) => expression is BaseObjectCreationExpressionSyntax;

    /// <summary>The argument bound to the parameter <paramref name="name"/> of <paramref name="method"/>, by name or position.</summary>
    private static ExpressionSyntax? Argument(ArgumentListSyntax arguments, IMethodSymbol method, string name)
    {
        var named = arguments.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == name);
        if (named is not null)
        {
            return named.Expression;
        }

        var index = method.Parameters.IndexOf(method.Parameters.FirstOrDefault(p => p.Name == name)!);
        return index >= 0 && index < arguments.Arguments.Count && arguments.Arguments[index].NameColon is null ? arguments.Arguments[index].Expression : null;
    }

    private static string? ConstantText(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetConstantValue(expression, cancellationToken) is { HasValue: true, Value: string text })
        {
            return text;
        }

        // A static readonly field with a constant initialiser: read like a const.
        if (model.GetSymbolInfo(expression, cancellationToken).Symbol is IFieldSymbol { IsStatic: true, IsReadOnly: true } field)
        {
            foreach (var reference in field.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } value } declarator
                    && model.Compilation.ContainsSyntaxTree(declarator.SyntaxTree)
                    && (declarator.SyntaxTree == model.SyntaxTree ? model : model.Compilation.GetSemanticModel(declarator.SyntaxTree)).GetConstantValue(value, cancellationToken) is { HasValue: true, Value: string initial })
                {
                    return initial;
                }
            }
        }

        return null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 37) + "…";
}
