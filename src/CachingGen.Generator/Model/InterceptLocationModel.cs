namespace CachingGen.Generator.Model;

/// <summary>One <c>[InterceptsLocation(version, data)]</c> of a body: a call it replaces.</summary>
/// <param name="Version">The encoding version.</param>
/// <param name="Data">The encoded location (opaque to the generator: a checksum of the calling file and a position).</param>
/// <param name="Display">Where the call is, for the generated comment ("File.cs(12,9)") and for CG0017.</param>
internal sealed record InterceptLocationModel(int Version, string Data, string Display);
