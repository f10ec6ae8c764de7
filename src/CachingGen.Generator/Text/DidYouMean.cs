using System;
using System.Collections.Generic;

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
}
