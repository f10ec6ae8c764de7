namespace CachingGen.Generator.Text;

/// <summary>"Did you mean" suggestions, with one notion of a plausible typo for every diagnostic that offers one.</summary>
internal static class DidYouMean
{
    /// <summary>The candidate closest to <paramref name="wanted"/> (ignoring case), or null when none is a plausible typo of it.</summary>
    public static string? Closest(string wanted, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var upperWanted = wanted.ToUpperInvariant();
        foreach (var candidate in candidates)
        {
            var distance = EditDistance.Between(upperWanted, candidate.ToUpperInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        // Suggest only plausible typos, not any candidate at all: up to half the text may differ.
        return best is not null && bestDistance <= Math.Max(2, wanted.Length / 2) ? best : null;
    }

    /// <summary>
    /// The names <paramref name="wanted"/> most likely meant: the plausible typo (<see cref="Closest"/>), else every name
    /// that contains it as a word or is contained in it (<c>&lt;id&gt;</c> for <c>productId</c>, <c>&lt;productId&gt;</c> for
    /// <c>id</c>), ignoring case; empty when none is.
    /// </summary>
    public static IReadOnlyList<string> Likely(string wanted, IReadOnlyList<string> candidates)
    {
        if (Closest(wanted, candidates) is { } typo)
        {
            return [typo];
        }

        var found = new List<string>();
        foreach (var candidate in candidates)
        {
            if (wanted.Length >= 2 && candidate.Length >= 2
                && (candidate.IndexOf(wanted, StringComparison.OrdinalIgnoreCase) >= 0 || wanted.IndexOf(candidate, StringComparison.OrdinalIgnoreCase) >= 0))
            {
                found.Add(candidate);
            }
        }

        return found;
    }

    /// <summary>
    /// CG0001's hint for an unknown placeholder: the likely parameters (<see cref="Likely"/>) and the method's own.
    /// <paramref name="suggestion"/> is the one the code fix renames to, when exactly one is likely; several are only
    /// listed, for the author to choose.
    /// </summary>
    public static string PlaceholderHint(string wanted, IReadOnlyList<string> parameters, out string? suggestion)
    {
        var likely = Likely(wanted, parameters);
        suggestion = likely.Count == 1 ? likely[0] : null;
        var names = new List<string>();
        foreach (var name in likely)
        {
            names.Add("'" + CachingGen.Keys.KeyGrammar.Placeholder(name) + "'");
        }

        return (likely.Count == 0 ? string.Empty : $"; did you mean {string.Join(" or ", names)}?")
            + (parameters.Count == 0 ? "; it has no parameter a key can use" : $" (its parameters: {string.Join(", ", parameters)})");
    }
}
