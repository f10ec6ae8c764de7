using System.Globalization;

namespace CachingGen.Internals.Diagnostics;

/// <summary>
/// The sentence a throttled log line ends with when lines of its kind were held back since the last one, and nothing
/// when none were: the first line of an outage saying "0 similar faults were not logged" reads like a second fault.
/// </summary>
internal static class HeldBack
{
    /// <summary>" 3 similar faults were not logged since the last message." for <paramref name="kind"/> "fault", or "" for 0.</summary>
    public static string Note(long count, string kind)
        => count <= 0 ? string.Empty
            : count == 1 ? $" 1 similar {kind} was not logged since the last message."
            : string.Create(CultureInfo.InvariantCulture, $" {count:N0} similar {kind}s were not logged since the last message.");
}
