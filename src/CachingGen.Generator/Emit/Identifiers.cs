using System.Text;

namespace CachingGen.Generator.Emit;

/// <summary>Identifiers for generated members and locals: unique among the names a scope already has, readable from a key template.</summary>
internal static class Identifiers
{
    /// <summary><paramref name="wanted"/>, or with trailing underscores until it differs from every name in <paramref name="taken"/>.</summary>
    public static string Unique(string wanted, IEnumerable<string> taken)
    {
        var name = wanted;
        while (IsTaken(name, taken))
        {
            name += "_";
        }

        return name;
    }

    private static bool IsTaken(string name, IEnumerable<string> taken)
    {
        foreach (var t in taken)
        {
            var offset = t.Length > 0 && t[0] == '@' ? 1 : 0;
            if (t.Length - offset == name.Length && string.CompareOrdinal(t, offset, name, 0, name.Length) == 0)
            {
                return true;
            }
        }

        return false;
    }

    public static string CamelCase(string name)
    {
        var trimmed = name.TrimStart('@');
        return trimmed.Length == 0 ? trimmed : char.ToLowerInvariant(trimmed[0]) + trimmed.Substring(1);
    }

    /// <summary>A readable member name from a template: <c>balance:user:&lt;userId&gt;:total</c> → <c>BalanceUserUserIdTotal</c>.</summary>
    public static string FromTemplate(string template)
    {
        var builder = new StringBuilder();
        var upperNext = true;
        foreach (var c in template)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
                upperNext = false;
            }
            else
            {
                upperNext = true;
            }
        }

        if (builder.Length == 0 || char.IsDigit(builder[0]))
        {
            builder.Insert(0, "Key");
        }

        return builder.ToString();
    }
}
