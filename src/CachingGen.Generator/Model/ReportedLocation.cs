namespace CachingGen.Generator.Model;

/// <summary>
/// Where a model's failure would be reported, kept out of the model's identity: every instance equals every other.
/// A line added above a class moves its location without changing anything generated from it, and a location that
/// took part in equality would make every step after it run again for that edit. The location kept is the one of the
/// last change that did alter the model; it is only read to place a generator failure (CG0017).
/// </summary>
internal readonly struct ReportedLocation(LocationInfo? location) : System.IEquatable<ReportedLocation>
{
    public LocationInfo? Value { get; } = location;

    public bool Equals(ReportedLocation other) => true;

    public override bool Equals(object? obj) => obj is ReportedLocation;

    public override int GetHashCode() => 0;

    public static bool operator ==(ReportedLocation left, ReportedLocation right) => left.Equals(right);

    public static bool operator !=(ReportedLocation left, ReportedLocation right) => !left.Equals(right);
}
