namespace CachingGen.Generator.Sql;

/// <summary>Table names as the SQL analysis compares them: the last part of a qualified name, lower-case unless quoted.</summary>
internal static class TableNames
{
    /// <summary><c>public.Balances</c> → <c>balances</c>; <c>"Balances"</c> → <c>Balances</c>; null when it cannot be a table.</summary>
    public static string? Normalize(string name)
    {
        if (Problem(name) is not null)
        {
            return null;
        }

        var last = name.Split('.').Last();
        return last.Length > 1 && last[0] == '"' && last[last.Length - 1] == '"' ? last.Substring(1, last.Length - 2) : last.ToLowerInvariant();
    }

    /// <summary>Why <paramref name="name"/> cannot be a table name, or null when it can.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "it is empty; write the table's name as the SQL names it";
        }

        foreach (var part in name!.Split('.'))
        {
            var quoted = part.Length > 1 && part[0] == '"' && part[part.Length - 1] == '"';
            if (part.Length == 0 || (!quoted && !(char.IsLetter(part[0]) || part[0] == '_')) || (!quoted && part.Any(c => !(char.IsLetterOrDigit(c) || c == '_' || c == '$'))))
            {
                return "a table is a name (letters, digits, '_'), optionally schema-qualified ('sales.orders') or quoted (\"\"Orders\"\"); SQL does not belong here";
            }
        }

        return null;
    }
}
