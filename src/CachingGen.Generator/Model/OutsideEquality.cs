namespace CachingGen.Generator.Model;

/// <summary>
/// A value a model carries but that takes no part in its identity: every instance equals every other. For what must
/// not make the steps after it run again: where a failure would be reported (a line added above a class moves it
/// without changing anything generated from it), or the syntax tree a locator was read from (a new tree with the same
/// declarations re-runs nothing). The value kept is the one of the last change that did alter the model; it is only
/// read to place a generator failure or to take an attribute's current text.
/// </summary>
internal readonly struct OutsideEquality<T>(T value) : System.IEquatable<OutsideEquality<T>>
{
    public T Value { get; } = value;

    public bool Equals(OutsideEquality<T> other) => true;

    public override bool Equals(object? obj) => obj is OutsideEquality<T>;

    public override int GetHashCode() => 0;

    public static bool operator ==(OutsideEquality<T> left, OutsideEquality<T> right) => left.Equals(right);

    public static bool operator !=(OutsideEquality<T> left, OutsideEquality<T> right) => !left.Equals(right);
}
