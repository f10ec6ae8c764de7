using Microsoft.CodeAnalysis;

namespace CachingGen.Generator.Pipelines;

/// <summary>
/// The syntax tree a locator was read from, kept out of the locator's identity: every instance equals every other, so a
/// new tree with the same declarations re-runs nothing. Read only when the locator did change (its attribute text), to
/// take the attribute's current arguments from it.
/// </summary>
internal readonly struct CurrentTree(SyntaxTree? tree) : System.IEquatable<CurrentTree>
{
    public SyntaxTree? Tree { get; } = tree;

    public bool Equals(CurrentTree other) => true;

    public override bool Equals(object? obj) => obj is CurrentTree;

    public override int GetHashCode() => 0;

    public static bool operator ==(CurrentTree left, CurrentTree right) => left.Equals(right);

    public static bool operator !=(CurrentTree left, CurrentTree right) => !left.Equals(right);
}
