using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Sql;

/// <summary>
/// Finds the SQL a method body runs: the <c>sql</c> argument of Dapper's extension methods (or the command text of a
/// <c>CommandDefinition</c> passed to them), the first argument of <c>new NpgsqlCommand(…)</c>/<c>NpgsqlBatchCommand</c>
/// (and other ADO.NET commands), and assignments to <c>CommandText</c>. The text counts when it is a constant (a
/// literal, a <c>const</c>, a raw string, an interpolated string of constants, <c>nameof</c>) or a <c>static readonly</c>
/// field initialised with one, followed through locals and helpers by <see cref="SqlTextFlow"/>; anything else is SQL the
/// analysis cannot read, reported as such. The dialect comes from the connection or command type the SQL runs on.
/// </summary>
internal static class SqlSites
{
    private static readonly HashSet<string> CommandTypes = new(StringComparer.Ordinal)
    {
        "NpgsqlCommand", "NpgsqlBatchCommand", "SqlCommand", "SqliteCommand", "MySqlCommand", "OracleCommand", "CommandDefinition",
    };

    /// <summary>
    /// What <paramref name="body"/>'s SQL touches, and what it hands to its class's private methods; null when it does
    /// neither. With <paramref name="bindings"/> (the manifest; the analyzer does not need them), the WHERE bindings of
    /// its own SQL too, named by the method's parameters (<see cref="SqlParameterMap"/>).
    /// </summary>
    public static BodySql? Analyze(SyntaxNode body, SemanticModel model, CancellationToken cancellationToken, bool bindings = false)
    {
        try
        {
            return AnalyzeBody(body, model, bindings, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An analyzer that throws fails every build (AD0001): a failure is this method's unknown, never "nothing".
            return new BodySql(new SqlTableSet(Array.Empty<string>(), Array.Empty<string>(), $"the analysis of its SQL failed ({ex.GetType().Name}: {ex.Message}); please report it"), default, default);
        }
    }

    private static BodySql? AnalyzeBody(SyntaxNode body, SemanticModel model, bool bindings, CancellationToken cancellationToken)
    {
        // Most method bodies run no SQL: a pass over their tokens, without the semantic model, says so.
        var helpers = Helpers(body);
        if (!MayRunSql(body) && helpers.Count == 0)
        {
            return null;
        }

        var flow = new SqlTextFlow(body, model, cancellationToken);
        var fallback = new Lazy<SqlDialect>(() => ClassDialect(body));
        var method = model.GetEnclosingSymbol(body.SpanStart, cancellationToken) as IMethodSymbol;
        SqlTableSet? tables = null;
        var parameters = new SortedSet<string>(StringComparer.Ordinal);
        var map = bindings ? new SqlParameterMap(body, model, method, cancellationToken) : null;
        foreach (var (expression, typeName, values, command) in SqlExpressions(body, model, cancellationToken))
        {
            var dialect = SqlDialects.FromTypeName(typeName) is var known and not SqlDialect.Unknown ? known : fallback.Value;
            var texts = flow.Evaluate(expression);
            if (texts.Parameter is { } parameter && method is { DeclaredAccessibility: Accessibility.Private })
            {
                // A private helper that runs the SQL it is given: its callers' texts count (CoverageBuilder).
                parameters.Add(parameter);
                continue;
            }

            var found = Tables(texts, dialect, bindings);
            tables = SqlTableSet.Union(tables, map is null ? found : map.Map(found, values, command));
        }

        var calls = Calls(body, model, flow, helpers, fallback, cancellationToken);
        return tables is null && parameters.Count == 0 && calls.Count == 0 ? null : new BodySql(tables, parameters.ToEquatableArray(), calls.ToEquatableArray());
    }

    /// <summary>What the texts touch together; unknown (with no tables) when they are not all known.</summary>
    private static SqlTableSet Tables(SqlTexts texts, SqlDialect dialect, bool bindings = false)
        => texts.Texts is { } all
            ? all.Aggregate((SqlTableSet?)null, (a, t) => SqlTableSet.Union(a, SqlTables.Analyze(t, dialect, bindings))) ?? new SqlTableSet(Array.Empty<string>(), Array.Empty<string>(), null)
            : new SqlTableSet(Array.Empty<string>(), Array.Empty<string>(), texts.Reason ?? "its SQL is not a constant string, so its tables cannot be read");

    /// <summary>The calls to private methods of the enclosing class that take a string, with their arguments' tables.</summary>
    private static List<HelperCall> Calls(SyntaxNode body, SemanticModel model, SqlTextFlow flow, HashSet<string> helpers, Lazy<SqlDialect> dialect, CancellationToken cancellationToken)
    {
        var calls = new List<HelperCall>();
        if (helpers.Count == 0)
        {
            return calls;
        }

        foreach (var invocation in body.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (CalledName(invocation) is { } name && helpers.Contains(name)
                && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol { DeclaredAccessibility: Accessibility.Private } called
                && called.OriginalDefinition.GetDocumentationCommentId() is { } id)
            {
                var arguments = called.Parameters.Where(p => p.Type.SpecialType == SpecialType.System_String)
                    .Select(p => (p.Name, Expression: Argument(invocation.ArgumentList, called, p.Name)))
                    .Where(a => a.Expression is not null)
                    .Select(a => new HelperArgument(a.Name, Tables(flow.Evaluate(a.Expression!), dialect.Value)))
                    .ToEquatableArray();
                calls.Add(new HelperCall(id, arguments));
            }
        }

        return calls;
    }

    /// <summary>
    /// The names the body calls that a private method of its class declaration has: found from syntax (most bodies call
    /// none, and then nothing is bound); a private method in another part of a partial class is not seen.
    /// </summary>
    private static HashSet<string> Helpers(SyntaxNode body)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (body.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault() is not { } type)
        {
            return names;
        }

        var invoked = new HashSet<string>(body.DescendantNodes().OfType<InvocationExpressionSyntax>().Select(CalledName).OfType<string>(), StringComparer.Ordinal);
        foreach (var method in type.Members.OfType<MethodDeclarationSyntax>())
        {
            if (invoked.Contains(method.Identifier.ValueText)
                && !method.Modifiers.Any(m => m.ValueText is "public" or "internal" or "protected"))
            {
                names.Add(method.Identifier.ValueText);
            }
        }

        return names;
    }

    private static string? CalledName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } member => member.Name.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        _ => null,
    };

    /// <summary>
    /// The dialect a provider type named in the body (<c>new SqlConnection(…)</c>) or in its class's declarations (a field,
    /// a property, a constructor's parameters; not the other bodies) says, when the SQL's own receiver does not.
    /// </summary>
    private static SqlDialect ClassDialect(SyntaxNode body)
    {
        var scopes = new List<SyntaxNode> { body };
        if (body.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault() is { } type)
        {
            scopes.AddRange(type.Members.Where(m => m is FieldDeclarationSyntax or PropertyDeclarationSyntax));
            scopes.AddRange(type.Members.OfType<ConstructorDeclarationSyntax>().Select(c => c.ParameterList));
            if (type.ParameterList is { } primary)
            {
                scopes.Add(primary);
            }
        }

        foreach (var token in scopes.SelectMany(s => s.DescendantTokens()))
        {
            if (token.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.IdentifierToken) && token.ValueText.EndsWith("Connection", StringComparison.Ordinal)
                && SqlDialects.FromTypeName(token.ValueText) is var dialect and not SqlDialect.Unknown)
            {
                return dialect;
            }
        }

        return SqlDialect.Unknown;
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

    /// <summary>Each SQL expression, the type it runs on, and where its parameter values come from: Dapper's <c>param</c> (or a <c>CommandDefinition</c>'s), or an ADO.NET command's parameters.</summary>
    private static IEnumerable<(ExpressionSyntax Expression, string? TypeName, ExpressionSyntax? Values, bool Command)> SqlExpressions(SyntaxNode body, SemanticModel model, CancellationToken cancellationToken)
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
                            // The connection the extension method is called on (db.ExecuteAsync(…), or SqlMapper.ExecuteAsync(db, …)).
                            var receiver = invocation.Expression is MemberAccessExpressionSyntax { Expression: var target } && method.ReducedFrom is not null ? target : invocation.ArgumentList.Arguments.FirstOrDefault()?.Expression;
                            yield return (argument, receiver is null ? null : model.GetTypeInfo(receiver, cancellationToken).Type?.Name, Argument(invocation.ArgumentList, method, "param"), false);
                        }
                    }

                    break;
                case BaseObjectCreationExpressionSyntax creation when creation.ArgumentList is { Arguments.Count: > 0 } arguments && MayBeCommand(creation):
                    if (model.GetTypeInfo(creation, cancellationToken).Type is { } type && CommandTypes.Contains(type.Name))
                    {
                        var first = arguments.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText is "commandText" or "cmdText") ?? arguments.Arguments[0];
                        if (first.NameColon is null || first.NameColon.Name.Identifier.ValueText is "commandText" or "cmdText")
                        {
                            var definition = type.Name == "CommandDefinition";
                            yield return (first.Expression, type.Name, definition ? Values(arguments) : null, !definition);
                        }
                    }

                    break;
                case AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CommandText", Expression: var command } } assignment:
                    yield return (assignment.Right, model.GetTypeInfo(command, cancellationToken).Type?.Name, null, true);
                    break;
                case InitializerExpressionSyntax initializer:
                    foreach (var set in initializer.Expressions.OfType<AssignmentExpressionSyntax>())
                    {
                        if (set.Left is IdentifierNameSyntax { Identifier.ValueText: "CommandText" })
                        {
                            yield return (set.Right, model.GetTypeInfo(initializer.Parent ?? initializer, cancellationToken).Type?.Name, null, true);
                        }
                    }

                    break;
            }
        }
    }

    // new CommandDefinition(sql, parameters, …): the second argument, or the one named parameters.
    private static ExpressionSyntax? Values(ArgumentListSyntax arguments)
        => arguments.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "parameters")?.Expression
            ?? (arguments.Arguments.Count > 1 && arguments.Arguments[1].NameColon is null ? arguments.Arguments[1].Expression : null);

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
}
