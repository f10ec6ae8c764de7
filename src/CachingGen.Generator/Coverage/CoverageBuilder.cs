using CachingGen.Generator.Parsing;
using CachingGen.Generator.Sql;

namespace CachingGen.Generator.Coverage;

/// <summary>
/// The one place that turns a repository class's method bodies into what each method touches, for the analyzer
/// (CG0029, <c>CoverageIndex</c>) and the manifest (<c>CoverageParser</c>) alike; they differ only in how a body is
/// read (the analyzer keeps bodies across compilations). A private method that runs SQL for other methods of its class
/// is a helper: its tables are its callers', with the SQL texts they hand it, and it is no writer of its own. One level
/// of helpers is followed (a helper's own helpers are not).
/// </summary>
internal static class CoverageBuilder
{
    public static List<CoverageMethod> Build(IReadOnlyList<IMethodSymbol> all, Func<IMethodSymbol, BodySql?> read)
    {
        var methods = all.Distinct<IMethodSymbol>(SymbolEqualityComparer.Default).ToList();
        var bodies = methods.ToDictionary(m => m, read, SymbolEqualityComparer.Default);
        var helpers = new Dictionary<string, BodySql>(StringComparer.Ordinal);
        foreach (var method in methods)
        {
            if (method.DeclaredAccessibility == Accessibility.Private && bodies[method] is { } body && (body.Tables is not null || body.SqlParameters.Count > 0)
                && method.GetDocumentationCommentId() is { } id)
            {
                helpers[id] = body;
            }
        }

        // Helpers that another method calls: theirs is that method's SQL.
        var delegated = new HashSet<string>(
            methods.SelectMany(m => bodies[m]?.Calls.Where(c => c.Helper != m.GetDocumentationCommentId()).Select(c => c.Helper) ?? []).Where(helpers.ContainsKey),
            StringComparer.Ordinal);

        var result = new List<CoverageMethod>();
        foreach (var method in methods)
        {
            if (method.GetDocumentationCommentId() is { } id && delegated.Contains(id))
            {
                continue;
            }

            var body = bodies[method];
            var tables = body?.Tables;
            foreach (var call in body?.Calls ?? default)
            {
                if (!delegated.Contains(call.Helper))
                {
                    continue;
                }

                // A helper's SQL parameters are named by its own parameters, not this method's: nothing of it binds.
                var helper = helpers[call.Helper];
                tables = SqlTableSet.Union(tables, helper.Tables?.Unbound());
                foreach (var argument in call.Arguments.Where(a => helper.SqlParameters.Contains(a.Parameter)))
                {
                    tables = SqlTableSet.Union(tables, argument.Tables.Unbound());
                }
            }

            tables = SqlTableSet.WithDeclared(tables, DeclaredTables(method, "ReadsTableAttribute"), DeclaredTables(method, "WritesTableAttribute"));
            result.Add(new CoverageMethod(method, tables, Names(method)));
        }

        return result;
    }

    /// <summary>The table names a <c>[ReadsTable]</c>/<c>[WritesTable]</c> states on <paramref name="method"/>, normalised as the SQL's are.</summary>
    private static string[] DeclaredTables(IMethodSymbol method, string attribute)
        => method.GetAttributes()
            .Where(a => TypeNames.Is(a.AttributeClass, "CachingGen", attribute))
            .Select(a => a.ConstructorArguments.Length == 1 && a.ConstructorArguments[0].Value is string table ? TableNames.Normalize(table) : null)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    /// <summary>The values a method can name keys with: its parameters and their public instance members.</summary>
    private static System.Collections.Immutable.ImmutableArray<string> Names(IMethodSymbol method)
        => method.Parameters.Select(p => p.Name)
            .Concat(method.Parameters.SelectMany(p => p.Type.GetMembers().Where(m => !m.IsStatic && m.DeclaredAccessibility == Accessibility.Public && m is IPropertySymbol or IFieldSymbol).Select(m => p.Name + "." + m.Name)))
            .ToEquatableArray().Items;
}
