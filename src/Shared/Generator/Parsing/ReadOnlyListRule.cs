namespace CachingGen.Generator.Parsing;

/// <summary>
/// The mutable collections whose CG0014 alternative is <c>IReadOnlyList&lt;T&gt;</c>: one decision for the analyzer
/// (which suggests it) and the code fix (which applies it), shared as source, so every such CG0014 has its fix.
/// </summary>
internal static class ReadOnlyListRule
{
    /// <summary>
    /// The namespace a one-argument generic type named <paramref name="simpleName"/> must be declared in to become
    /// IReadOnlyList, or null when no such type does. The code fix, working on syntax, checks the name only.
    /// </summary>
    public static string? NamespaceOf(string simpleName) => simpleName switch
    {
        "List" or "IList" or "ICollection" => "System.Collections.Generic",
        "Collection" or "ObservableCollection" => "System.Collections.ObjectModel",
        _ => null,
    };
}
